import type { RowMeta } from './base';

/** One material (attachment) of a meeting or of one of its agenda items. The bytes are stored once per SHA-256. */
export interface Material extends RowMeta {
  meetingId: string;
  /** null = a material of the whole meeting. */
  agendaItemId: string | null;
  name: string;
  /** Sniffed from the bytes when added or imported, never taken from the sender. */
  mimeType: string;
  size: number;
  sha256: string;
}

export interface MaterialFile {
  fileName: string;
  mimeType: string;
  contentBase64: string;
}

export const REPLY_RESPONSES = ['accepted', 'declined', 'tentative'] as const;
export type ReplyResponse = (typeof REPLY_RESPONSES)[number];
export const REPLY_SOURCES = ['ics', 'manual'] as const;
export type ReplySource = (typeof REPLY_SOURCES)[number];

/** A member's answer to the invitation: the meeting's expected attendance. */
export interface MeetingReply extends RowMeta {
  meetingId: string;
  personId: string;
  response: ReplyResponse;
  source: ReplySource;
  note: string | null;
  respondedAt: string | null;
}

/** Expected attendance of one meeting: every member (and anyone who replied) with their answer, if any. */
export interface ExpectedAttendee {
  personId: string;
  personName: string;
  email: string | null;
  role: string | null;
  organisationAbbreviation: string | null;
  response: ReplyResponse | null;
  source: ReplySource | null;
  respondedAt: string | null;
  replyId: string | null;
}

export interface ExpectedAttendance {
  meetingId: string;
  attendees: ExpectedAttendee[];
  counts: Record<ReplyResponse | 'noReply', number>;
}

/** What importing one reply file did. */
export interface ReplyImportResult {
  meetingId: string;
  recorded: Array<{ personId: string; personName: string; response: ReplyResponse }>;
  /** Attendee addresses in the file that match no member of the meeting's group. */
  unknownAddresses: string[];
}
