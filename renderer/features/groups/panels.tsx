import type { ComponentType } from 'react';
import type { GroupDetail } from '../../../shared/domain/groups';
import { GroupPanel as PortfolioPanel } from '../portfolio/GroupPanel';
import { GroupPanel as MeetingsPanel } from '../meetings/GroupPanel';
import { GroupPanel as RotationPanel } from '../rotation/GroupPanel';
import { GroupPanel as ExchangePanel } from '../exchange/GroupPanel';
import { GroupPanel as ScanningPanel } from '../scanning/GroupPanel';

/** The parts of a group's page, each with its own address (`#/groups/<id>/<part>`); meetings first. */
export const GROUP_TABS = ['meetings', 'plan', 'chair', 'members'] as const;
export type GroupTab = (typeof GROUP_TABS)[number];
export const isGroupTab = (s: string | undefined): s is GroupTab => (GROUP_TABS as readonly string[]).includes(s ?? '');

/** The sections features add to each part of a group's page, in order (each feature owns its component). */
export const GROUP_PANELS: Record<GroupTab, Array<ComponentType<{ group: GroupDetail }>>> = {
  meetings: [MeetingsPanel],
  plan: [PortfolioPanel, ScanningPanel],
  chair: [RotationPanel, ExchangePanel],
  members: [],
};
