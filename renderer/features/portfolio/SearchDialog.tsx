import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'suomifi-ui-components';
import type { SearchHit, SearchResult } from '../../../shared/domain/portfolio';
import { api } from '../../api';
import { PAGES, useApp, type PageName } from '../../store/app';
import { describeError } from '../../ui/errors';
import './portfolio.css';
import { useNames } from '../../ui/names';

const isPage = (p: string): p is PageName => (PAGES as readonly string[]).includes(p);

/**
 * Search everything: Ctrl/Cmd+K (or the button) opens a dialog; results are grouped by kind, arrow
 * keys move through them, Enter opens the one chosen, Escape closes and returns focus.
 */
export function SearchDialog() {
  const { t } = useTranslation();
  const names = useNames();
  const navigate = useApp((s) => s.navigate);
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<SearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const ids = useId();
  const titleId = `${ids}-title`;
  const listId = `${ids}-list`;
  const hintId = `${ids}-hint`;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        returnFocus.current = document.activeElement as HTMLElement | null;
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (open) inputRef.current?.focus();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const q = query.trim();
    if (!q) {
      setResult(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      api.portfolio.search({ query: q }).then(
        (r) => {
          if (!current) return;
          setResult(r);
          setError(null);
          setActive(0);
        },
        (e: unknown) => current && setError(describeError(t, e)),
      );
    }, 120);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, open, t]);

  const hits: SearchHit[] = result?.groups.flatMap((g) => g.hits) ?? [];
  const optionId = (i: number) => `${ids}-opt-${i}`;

  const close = () => {
    setOpen(false);
    setQuery('');
    setResult(null);
    returnFocus.current?.focus?.();
  };
  const choose = (hit: SearchHit | undefined) => {
    if (!hit || !isPage(hit.route.page)) return;
    setOpen(false);
    setQuery('');
    setResult(null);
    navigate({ page: hit.route.page, params: hit.route.params });
    (document.getElementById('main') as HTMLElement | null)?.focus();
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Tab') {
      // Keep focus inside the modal dialog.
      const focusable = [...e.currentTarget.querySelectorAll<HTMLElement>('input, button')].filter(
        (el) => !el.hasAttribute('disabled'),
      );
      const first = focusable[0];
      const last = focusable.at(-1);
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last?.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first?.focus();
      }
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => (hits.length ? (a + 1) % hits.length : 0));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (hits.length ? (a - 1 + hits.length) % hits.length : 0));
    } else if (e.key === 'Enter' && e.target === inputRef.current) {
      e.preventDefault();
      choose(hits[active]);
    }
  };

  let index = -1;
  return (
    <>
      <Button
        variant="inverted"
        className="search-open"
        onClick={(e) => {
          returnFocus.current = e.currentTarget as HTMLElement;
          setOpen(true);
        }}
        aria-keyshortcuts="Control+K Meta+K"
      >
        {t('portfolio.search.open')} ({t('portfolio.search.shortcut')})
      </Button>
      {open && (
        <div className="search-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
          <div className="search-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} onKeyDown={onKeyDown}>
            <h2 id={titleId} className="search-title">
              {t('portfolio.search.title')}
            </h2>
            <label htmlFor={`${ids}-input`} className="field-label">
              {t('portfolio.search.label')}
            </label>
            <input
              id={`${ids}-input`}
              ref={inputRef}
              className="search-input"
              type="search"
              role="combobox"
              aria-expanded={hits.length > 0}
              aria-controls={listId}
              aria-autocomplete="list"
              aria-describedby={hintId}
              aria-activedescendant={hits.length ? optionId(active) : undefined}
              value={query}
              maxLength={200}
              autoComplete="off"
              onChange={(e) => setQuery(e.target.value)}
            />
            <p id={hintId} className="muted">
              {t('portfolio.search.hint')}
            </p>
            {error && <p role="alert">{error}</p>}
            <p className="visually-hidden" aria-live="polite">
              {result
                ? result.total
                  ? t('portfolio.search.results', { count: result.total })
                  : t('portfolio.search.noResults', { query: result.query })
                : ''}
            </p>
            {result && result.total === 0 && <p>{t('portfolio.search.noResults', { query: result.query })}</p>}
            <div id={listId} role="listbox" aria-label={t('portfolio.search.title')} className="search-results">
              {result?.groups.map((group) => (
                <div key={group.kind} role="group" aria-labelledby={`${ids}-${group.kind}`}>
                  <div id={`${ids}-${group.kind}`} className="search-group" role="presentation">
                    {t(`portfolio.search.kinds.${group.kind}`)}
                  </div>
                  {group.hits.map((hit) => {
                    index += 1;
                    const i = index;
                    return (
                      <div
                        key={hit.id}
                        id={optionId(i)}
                        role="option"
                        aria-selected={i === active}
                        className={i === active ? 'search-hit active' : 'search-hit'}
                        onMouseMove={() => setActive(i)}
                        onClick={() => choose(hit)}
                      >
                        <span className="search-hit-title">
                          {hit.kind === 'group' ? names.group(hit.id, hit.title) : hit.title}
                        </span>
                        {hit.groupName && <span className="muted"> · {hit.groupName}</span>}
                        {hit.snippet && hit.snippet !== hit.title && <span className="search-snippet">{hit.snippet}</span>}
                      </div>
                    );
                  })}
                </div>
              ))}
            </div>
            <div className="form-actions">
              <Button variant="secondary" onClick={close}>
                {t('common.actions.close')}
              </Button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}
