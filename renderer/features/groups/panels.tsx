import type { ComponentType } from 'react';
import type { GroupDetail } from '../../../shared/domain/groups';
import { GroupPanel as PortfolioPanel } from '../portfolio/GroupPanel';
import { GroupPanel as MeetingsPanel } from '../meetings/GroupPanel';
import { GroupPanel as RotationPanel } from '../rotation/GroupPanel';
import { GroupPanel as ExchangePanel } from '../exchange/GroupPanel';
import { GroupPanel as ScanningPanel } from '../scanning/GroupPanel';

/** The sections features add to a group's page, in the order they appear (each owns its component). */
export const GROUP_PANELS: Array<ComponentType<{ group: GroupDetail }>> = [
  PortfolioPanel,
  MeetingsPanel,
  RotationPanel,
  ExchangePanel,
  ScanningPanel,
];
