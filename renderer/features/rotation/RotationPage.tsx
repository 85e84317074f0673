import { NotYetPage } from '../placeholder/NotYetPage';

/** The 'rotation' screen (filled in by its feature's issue). `params` are the route's path segments. */
export function RotationPage(_props: { params: string[] }) {
  return <NotYetPage page="rotation" />;
}
