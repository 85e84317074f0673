import type { Route } from '../store/app';
import { RouteLink } from './RouteLink';

/**
 * The parts of a page as links under its heading (a meeting's details, agenda…; a group's meetings,
 * plan…): each part has its own address, so Back, a reload or a shared link keeps the place, and only
 * the current part is on the screen.
 */
export function PageTabs<K extends string>(props: {
  label: string;
  tabs: ReadonlyArray<{ key: K; label: string; to: Route }>;
  current: K;
}) {
  return (
    <nav className="page-tabs" aria-label={props.label}>
      <ul>
        {props.tabs.map((tab) => (
          <li key={tab.key}>
            <RouteLink to={tab.to} aria-current={tab.key === props.current ? 'page' : undefined}>
              {tab.label}
            </RouteLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
