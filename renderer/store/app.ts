import { create } from 'zustand';
import type { AppInfo, Settings } from '../../shared/contract/app';

export type Route =
  | { page: 'groups' }
  | { page: 'group'; id: string }
  | { page: 'organisations' }
  | { page: 'people' }
  | { page: 'meetings' }
  | { page: 'actions' }
  | { page: 'rotation' }
  | { page: 'scanning' }
  | { page: 'reports' }
  | { page: 'settings' };

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
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [page, id] = parts;
  switch (page) {
    case 'groups':
      return id ? { page: 'group', id } : { page: 'groups' };
    case 'organisations':
    case 'people':
    case 'meetings':
    case 'actions':
    case 'rotation':
    case 'scanning':
    case 'reports':
    case 'settings':
      return { page };
    default:
      return { page: 'groups' };
  }
}

export function hashFromRoute(route: Route): string {
  return route.page === 'group' ? `#/groups/${route.id}` : `#/${route.page}`;
}

let nextNotice = 1;

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
  notify: (kind, text) => set((s) => ({ notices: [...s.notices.slice(-3), { id: nextNotice++, kind, text }] })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));
