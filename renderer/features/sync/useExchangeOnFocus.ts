import { useEffect } from 'react';
import { api } from '../../api';

/** Don't ask again within this time (focus events come in bursts when switching windows). */
const MIN_GAP_MS = 10_000;

/**
 * When the window gets focus, the shared sync folders exchange (docs/sync-folder.md): someone coming
 * back to the app sees what the others did meanwhile. The backend's scheduler does the rest (after
 * local changes, every few minutes); a failure here is shown on the Shared folders page, not here.
 */
export function useExchangeOnFocus() {
  useEffect(() => {
    let last = 0;
    const onFocus = () => {
      const now = Date.now();
      if (now - last < MIN_GAP_MS) return;
      last = now;
      api.sync.exchangeNow({}).catch(() => undefined);
    };
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, []);
}
