import { NotYetPage } from '../placeholder/NotYetPage';

/** The 'actions' screen (filled in by its feature's issue). `params` are the route's path segments. */
export function ActionsPage(_props: { params: string[] }) {
  return <NotYetPage page="actions" />;
}
