import { create } from 'zustand';
import type { AppInfo, Settings } from '../../shared/contract/app';

/** Top-level screens, each owned by one feature (see app/pages.tsx). */
export const PAGES = [
  'home',
  'groups',
  'organisations',
  'people',
  'meetings',
  'actions',
  'rotation',
  'exchange',
  'sync',
  'scanning',
  'reports',
  'settings',
] as const;
export type PageName = (typeof PAGES)[number];

/**
 * Where the user is: a page and the path segments after it, e.g. `#/meetings/<id>/run` is
 * { page: 'meetings', params: ['<id>', 'run'] }. Each feature interprets its own params.
 */
export interface Route {
  page: PageName;
  params: string[];
}

export type Notice = { id: number; kind: 'success' | 'error'; text: string };

interface AppState {
  route: Route;
  info: AppInfo | null;
  settings: Settings | null;
  notices: Notice[];
  navigate: (route: Route) => void;
  setInfo: (info: AppInfo) => void;
  setSettings: (settings: Settings) => void;
  notify: (kind: Notice['kind'], text: string) => void;
  dismiss: (id: number) => void;
}

/** The route lives in the URL fragment (#/groups/<id>) so reload and back work. */
export function routeFromHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [page, ...params] = parts;
  return (PAGES as readonly string[]).includes(page ?? '') ? { page: page as PageName, params } : { page: 'home', params: [] };
}

export function hashFromRoute(route: Route): string {
  return `#/${[route.page, ...route.params].map(encodeURIComponent).join('/')}`;
}

/** Shorthand for links: `to('meetings', id, 'run')`. */
export const to = (page: PageName, ...params: string[]): Route => ({ page, params });

let nextNotice = 1;

/** How long a success notice stays (errors stay until dismissed). */
export const SUCCESS_NOTICE_MS = 6000;

export const useApp = create<AppState>((set) => ({
  route: routeFromHash(typeof window === 'undefined' ? '' : window.location.hash),
  info: null,
  settings: null,
  notices: [],
  navigate: (route) => {
    if (typeof window !== 'undefined' && window.location.hash !== hashFromRoute(route)) {
      window.history.pushState(null, '', hashFromRoute(route));
    }
    set({ route });
  },
  setInfo: (info) => set({ info }),
  setSettings: (settings) => set({ settings }),
  notify: (kind, text) => {
    const id = nextNotice++;
    set((s) => {
      // Errors stay until the user dismisses them; of the successes only the newest two are kept.
      const kept = [...s.notices, { id, kind, text }];
      const successes = kept.filter((n) => n.kind === 'success').slice(-2);
      return { notices: kept.filter((n) => n.kind === 'error' || successes.includes(n)) };
    });
    if (kind === 'success') {
      setTimeout(() => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })), SUCCESS_NOTICE_MS);
    }
  },
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));
