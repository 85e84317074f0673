import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'suomifi-ui-components';
import type { CallProgress } from '../../shared/contract/calls';
import type { TypedApi } from '../../shared/contract/client';
import { apiWithProgress } from '../api';

/**
 * Long calls (whole-database import, export, backup, restore) with what is happening and a Cancel
 * where cancelling is safe: `run((api) => api.exchange.import(input))`; render <CallProgressBar>.
 * The rest of the app keeps working meanwhile (reads go to the backend's read-only connection).
 */
export function useLongCall() {
  const [progress, setProgress] = useState<CallProgress | null>(null);
  const abort = useRef<AbortController | null>(null);
  const run = useCallback(async <T,>(fn: (api: TypedApi) => Promise<T>): Promise<T> => {
    const controller = new AbortController();
    abort.current = controller;
    setProgress({ phase: 'reading', cancellable: false });
    try {
      return await fn(apiWithProgress({ signal: controller.signal, onProgress: setProgress }));
    } finally {
      abort.current = null;
      setProgress(null);
    }
  }, []);
  const cancel = useCallback(() => abort.current?.abort(), []);
  return { run, progress, cancel };
}

export function CallProgressBar({ progress, onCancel }: { progress: CallProgress | null; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  if (!progress) return null;
  const n = (v: number | undefined) => (v ?? 0).toLocaleString(i18n.language);
  const known = progress.total !== undefined && progress.total > 0 && progress.done !== undefined;
  const label = t(`common.progress.${progress.phase}`);
  return (
    <div className="call-progress" role="status" aria-live="polite">
      <label className="call-progress-label">
        <span>
          {label}
          {known ? ` — ${t('common.progress.count', { done: n(progress.done), total: n(progress.total) })}` : ''}
        </span>
        <progress max={known ? progress.total : undefined} value={known ? progress.done : undefined}>
          {label}
        </progress>
      </label>
      <div className="call-progress-actions">
        <Button variant="secondary" disabled={!progress.cancellable} onClick={onCancel}>
          {t('common.progress.cancel')}
        </Button>
        {!progress.cancellable && <span className="call-progress-note">{t('common.progress.notCancellable')}</span>}
      </div>
    </div>
  );
}
