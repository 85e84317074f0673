// iCalendar export parsed back with ical.js (an independent parser): stable UIDs, SEQUENCE, TZID with a
// VTIMEZONE that gives the right UTC instants across DST, all-day terms, VTODO due dates and escaping.

import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { buildVTimezone, renderCalendar, renderCalendarFile, type CalendarInput } from '../../electron/backend/documents';

const STAMP = new Date('2025-03-01T10:00:00Z');
const TRICKY = 'Kokous, osa 1; "tärkeä" \\ polku\nToinen rivi\r\nKolmas, rivi;';

function input(sequence = 0): CalendarInput {
  return {
    name: 'Itä-Uusimaa; kokoukset, 2025',
    stamp: STAMP,
    events: [
      {
        uid: 'meeting-7f3a@painopiste',
        sequence,
        summary: 'Yhteistyöryhmän kokous 3/2025',
        description: TRICKY,
        location: 'Porvoon kaupungintalo, sali 2; 2. krs',
        url: 'https://teams.example/meet?id=1,2;3',
        // 30 March 2025 is the spring-forward Sunday in Finland: 09:00 local is already UTC+3.
        start: { date: '2025-03-30', time: '09:00' },
        end: { date: '2025-03-30', time: '11:30' },
        status: 'confirmed',
      },
      {
        uid: 'meeting-8b21@painopiste',
        sequence: 1,
        summary: 'Talvikokous',
        start: { date: '2025-01-15', time: '13:00' },
        end: { date: '2025-01-15', time: '14:00' },
        status: 'cancelled',
      },
      {
        uid: 'term-2025@painopiste',
        sequence: 0,
        summary: 'Puheenjohtajakausi: Itä-Uudenmaan poliisilaitos',
        start: { date: '2025-01-01' },
        end: { date: '2025-12-31' },
        allDay: true,
      },
    ],
    todos: [
      {
        uid: 'action-1@painopiste',
        sequence: 2,
        summary: 'Päivitä tilannekuva, nuoret; kesä',
        description: TRICKY,
        due: '2025-04-15',
        status: 'in-process',
      },
      {
        uid: 'action-2@painopiste',
        sequence: 0,
        summary: 'Perehdytys',
        due: '2025-04-30',
        status: 'completed',
        completed: '2025-04-28',
      },
    ],
  };
}

function parse(text: string) {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return root;
}
const byUid = (root: ICAL.Component, kind: string, uid: string) =>
  root.getAllSubcomponents(kind).find((c) => c.getFirstPropertyValue('uid') === uid)!;

describe('renderCalendar', () => {
  const text = renderCalendar(input(4));
  const root = parse(text);

  it('is RFC 5545 text: CRLF lines, folded at 75 octets, PUBLISH', () => {
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(root.getFirstPropertyValue('method')).toBe('PUBLISH');
    // ical.js types neither NAME nor X-WR-CALNAME as TEXT, so it hands back the escaped form as written.
    expect(root.getFirstPropertyValue('name')).toBe('Itä-Uusimaa\\; kokoukset\\, 2025');
    expect(text).toContain('X-WR-CALNAME:Itä-Uusimaa\\; kokoukset\\, 2025\r\n');
  });

  it('keeps caller UIDs and SEQUENCE', () => {
    const events = root.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(events.map((e) => [e.uid, e.sequence])).toEqual([
      ['meeting-7f3a@painopiste', 4],
      ['meeting-8b21@painopiste', 1],
      ['term-2025@painopiste', 0],
    ]);
    // Same input, later export: same UID, caller's raised SEQUENCE.
    const again = parse(renderCalendar(input(5)));
    expect(new ICAL.Event(byUid(again, 'vevent', 'meeting-7f3a@painopiste')).sequence).toBe(5);
  });

  it('writes DTSTART;TZID=Europe/Helsinki in local time, and the VTIMEZONE gives the right instants', () => {
    expect(text).toContain('DTSTART;TZID=Europe/Helsinki:20250330T090000\r\n');
    expect(text).toContain('DTEND;TZID=Europe/Helsinki:20250330T113000\r\n');
    expect(text).toContain('DTSTART;TZID=Europe/Helsinki:20250115T130000\r\n');
    expect(root.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'))).toEqual(['Europe/Helsinki']);
    const spring = new ICAL.Event(byUid(root, 'vevent', 'meeting-7f3a@painopiste'));
    expect(spring.startDate.toJSDate().toISOString()).toBe('2025-03-30T06:00:00.000Z'); // UTC+3
    expect(spring.endDate.toJSDate().toISOString()).toBe('2025-03-30T08:30:00.000Z');
    const winter = new ICAL.Event(byUid(root, 'vevent', 'meeting-8b21@painopiste'));
    expect(winter.startDate.toJSDate().toISOString()).toBe('2025-01-15T11:00:00.000Z'); // UTC+2
    expect(byUid(root, 'vevent', 'meeting-8b21@painopiste').getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('writes all-day terms as VALUE=DATE with an exclusive end', () => {
    const term = byUid(root, 'vevent', 'term-2025@painopiste');
    const start = term.getFirstPropertyValue('dtstart') as ICAL.Time;
    const end = term.getFirstPropertyValue('dtend') as ICAL.Time;
    expect([start.isDate, start.toString()]).toEqual([true, '2025-01-01']);
    expect([end.isDate, end.toString()]).toEqual([true, '2026-01-01']);
    expect(text).toContain('DTSTART;VALUE=DATE:20250101\r\n');
  });

  it('writes VTODOs with DUE;VALUE=DATE, status and completion', () => {
    const todo = byUid(root, 'vtodo', 'action-1@painopiste');
    const due = todo.getFirstPropertyValue('due') as ICAL.Time;
    expect([due.isDate, due.toString()]).toEqual([true, '2025-04-15']);
    expect(todo.getFirstPropertyValue('sequence')).toBe(2);
    expect(todo.getFirstPropertyValue('status')).toBe('IN-PROCESS');
    expect(todo.getFirstPropertyValue('summary')).toBe('Päivitä tilannekuva, nuoret; kesä');
    expect(text).toContain('DUE;VALUE=DATE:20250415\r\n');
    const done = byUid(root, 'vtodo', 'action-2@painopiste');
    expect(done.getFirstPropertyValue('status')).toBe('COMPLETED');
    expect((done.getFirstPropertyValue('completed') as ICAL.Time).toString()).toBe('2025-04-28T12:00:00Z');
    expect(String((done.getFirstPropertyValue('dtstamp') as ICAL.Time).toString())).toBe('2025-03-01T10:00:00Z');
  });

  it('round-trips commas, semicolons, backslashes and newlines', () => {
    const expected = TRICKY.replace(/\r\n/g, '\n');
    const event = byUid(root, 'vevent', 'meeting-7f3a@painopiste');
    expect(event.getFirstPropertyValue('description')).toBe(expected);
    expect(event.getFirstPropertyValue('location')).toBe('Porvoon kaupungintalo, sali 2; 2. krs');
    expect(byUid(root, 'vtodo', 'action-1@painopiste').getFirstPropertyValue('description')).toBe(expected);
    expect(text.replace(/\r\n[ \t]/g, '')).toContain(
      'DESCRIPTION:Kokous\\, osa 1\\; "tärkeä" \\\\ polku\\nToinen rivi\\nKolmas\\, rivi\\;',
    );
    // The link stays a working URI.
    expect(event.getFirstPropertyValue('url')).toBe('https://teams.example/meet?id=1%2C2%3B3');
  });

  it('cannot be broken out of by text: a newline plus END:VCALENDAR stays inside a value', () => {
    const hostile = renderCalendar({
      name: 'x\r\nEND:VCALENDAR\r\nBEGIN:VEVENT',
      stamp: STAMP,
      events: [{ uid: 'u1', sequence: 0, summary: 's\nEND:VEVENT\nBEGIN:VALARM', start: { date: '2025-05-05', time: '10:00' } }],
      todos: [{ uid: 'u2', sequence: 0, summary: 'END:VTODO', description: 'x\nEND:VCALENDAR', due: '2025-05-06' }],
    });
    const lines = hostile.split('\r\n');
    expect(lines.filter((l) => l === 'END:VCALENDAR')).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('BEGIN:'))).toEqual([
      'BEGIN:VCALENDAR',
      'BEGIN:VTIMEZONE',
      'BEGIN:STANDARD',
      'BEGIN:DAYLIGHT',
      'BEGIN:STANDARD',
      'BEGIN:DAYLIGHT',
      'BEGIN:STANDARD',
      'BEGIN:DAYLIGHT',
      'BEGIN:STANDARD',
      'BEGIN:VEVENT',
      'BEGIN:VTODO',
    ]);
    const r = parse(hostile);
    expect(r.getFirstSubcomponent('vtodo')!.getFirstPropertyValue('description')).toBe('x\nEND:VCALENDAR');
  });

  it('rejects unsafe or invalid input', () => {
    const base = input();
    const ev = base.events![0]!;
    expect(() => renderCalendar({ ...base, events: [{ ...ev, uid: 'a\r\nX-EVIL:1' }] })).toThrow(/UID/);
    expect(() => renderCalendar({ ...base, events: [{ ...ev, sequence: -1 }] })).toThrow(/SEQUENCE/);
    expect(() => renderCalendar({ ...base, events: [{ ...ev, url: 'javascript:alert(1)' }] })).toThrow(/http/);
    expect(() => renderCalendar({ ...base, events: [{ ...ev, timeZone: 'Mars/Olympus' }] })).toThrow(/time zone/);
    expect(() => renderCalendar({ ...base, events: [{ ...ev, start: { date: '2025-02-30', time: '09:00' } }] })).toThrow(
      /calendar date/,
    );
    expect(() => renderCalendar({ ...base, events: [{ ...ev, start: { date: '2025-03-01', time: '24:00' } }] })).toThrow(/HH:MM/);
  });

  it('supports other zones and gives a calendar file', () => {
    const file = renderCalendarFile({
      name: 'x',
      stamp: STAMP,
      events: [
        { uid: 'ny', sequence: 0, summary: 'NY', timeZone: 'America/New_York', start: { date: '2025-11-02', time: '12:00' } },
      ],
    });
    expect([file.mimeType, file.extension]).toEqual(['text/calendar; charset=utf-8', 'ics']);
    const r = parse(new TextDecoder().decode(file.bytes));
    // 2 Nov 2025 is the US fall-back day: noon is EST, UTC−5.
    expect(new ICAL.Event(r.getFirstSubcomponent('vevent')!).startDate.toJSDate().toISOString()).toBe('2025-11-02T17:00:00.000Z');
  });
});

describe('buildVTimezone', () => {
  it('lists the Helsinki transitions at 03:00/04:00 local with EET/EEST', () => {
    const tz = buildVTimezone('Europe/Helsinki', 2025, 2025);
    expect(tz).toContain('BEGIN:DAYLIGHT\r\nDTSTART:20250330T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0300\r\nTZNAME:EEST');
    expect(tz).toContain('BEGIN:STANDARD\r\nDTSTART:20251026T040000\r\nTZOFFSETFROM:+0300\r\nTZOFFSETTO:+0200\r\nTZNAME:EET');
  });

  it('finds half-hour offsets and zones without DST', () => {
    const adelaide = buildVTimezone('Australia/Adelaide', 2025, 2025);
    expect(adelaide).toContain('TZOFFSETFROM:+1030\r\nTZOFFSETTO:+0930'); // April, back to standard
    expect(adelaide).toContain('DTSTART:20250406T030000');
    const tokyo = buildVTimezone('Asia/Tokyo', 2025, 2025);
    expect(tokyo.match(/BEGIN:(STANDARD|DAYLIGHT)/g)).toEqual(['BEGIN:STANDARD']);
    expect(tokyo).toContain('TZOFFSETTO:+0900');
  });
});
