import type { ReactNode } from 'react';
import { hashFromRoute, useApp, type Route } from '../store/app';

/** An in-app link: a real href (open in new tab, screen readers) that navigates without reloading. */
export function RouteLink(props: {
  to: Route;
  children: ReactNode;
  className?: string;
  'aria-label'?: string;
  'aria-current'?: 'page' | 'step' | undefined;
}) {
  const navigate = useApp((s) => s.navigate);
  return (
    <a
      href={hashFromRoute(props.to)}
      className={props.className}
      aria-label={props['aria-label']}
      aria-current={props['aria-current']}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(props.to);
      }}
    >
      {props.children}
    </a>
  );
}
