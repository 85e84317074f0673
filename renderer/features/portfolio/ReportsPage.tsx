import { NotYetPage } from '../placeholder/NotYetPage';

/** The 'reports' screen (filled in by its feature's issue). `params` are the route's path segments. */
export function ReportsPage(_props: { params: string[] }) {
  return <NotYetPage page="reports" />;
}
