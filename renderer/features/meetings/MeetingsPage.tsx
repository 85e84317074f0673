import { NotYetPage } from '../placeholder/NotYetPage';

/** The 'meetings' screen (filled in by its feature's issue). `params` are the route's path segments. */
export function MeetingsPage(_props: { params: string[] }) {
  return <NotYetPage page="meetings" />;
}
