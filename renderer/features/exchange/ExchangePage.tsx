import { NotYetPage } from '../placeholder/NotYetPage';

/** The 'exchange' screen (filled in by its feature's issue). `params` are the route's path segments. */
export function ExchangePage(_props: { params: string[] }) {
  return <NotYetPage page="exchange" />;
}
