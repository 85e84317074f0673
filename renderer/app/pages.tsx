import type { ComponentType } from 'react';
import type { PageName } from '../store/app';
import { GroupsPage } from '../features/groups/GroupsPage';
import { GroupPage } from '../features/groups/GroupPage';
import { OrganisationsPage } from '../features/organisations/OrganisationsPage';
import { PeoplePage } from '../features/people/PeoplePage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { MeetingsPage } from '../features/meetings/MeetingsPage';
import { ActionsPage } from '../features/meetings/ActionsPage';
import { RotationPage } from '../features/rotation/RotationPage';
import { ExchangePage } from '../features/exchange/ExchangePage';
import { SyncPage } from '../features/sync/SyncPage';
import { ScanningPage } from '../features/scanning/ScanningPage';
import { HomePage } from '../features/portfolio/HomePage';
import { ReportsPage } from '../features/portfolio/ReportsPage';

/** Groups list or one group's page (and its part), by the route's parameters. */
function Groups({ params }: { params: string[] }) {
  return params[0] ? <GroupPage id={params[0]} tab={params[1]} /> : <GroupsPage />;
}

/** One screen per page name; each feature owns its component and reads its own route params. */
export const PAGE_COMPONENTS: Record<PageName, ComponentType<{ params: string[] }>> = {
  home: HomePage,
  groups: Groups,
  organisations: OrganisationsPage,
  people: PeoplePage,
  meetings: MeetingsPage,
  actions: ActionsPage,
  rotation: RotationPage,
  exchange: ExchangePage,
  sync: SyncPage,
  scanning: ScanningPage,
  reports: ReportsPage,
  settings: SettingsPage,
};
