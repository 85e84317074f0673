import { NotYetPage } from '../placeholder/NotYetPage';

/** The 'scanning' screen (filled in by its feature's issue). `params` are the route's path segments. */
export function ScanningPage(_props: { params: string[] }) {
  return <NotYetPage page="scanning" />;
}
