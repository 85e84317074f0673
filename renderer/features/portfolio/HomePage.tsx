import { NotYetPage } from '../placeholder/NotYetPage';

/** The 'home' screen (filled in by its feature's issue). `params` are the route's path segments. */
export function HomePage(_props: { params: string[] }) {
  return <NotYetPage page="home" />;
}
