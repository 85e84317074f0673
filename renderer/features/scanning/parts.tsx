import { createContext, useContext, useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Heading } from 'suomifi-ui-components';
import { i18next } from '../../i18n';

/**
 * Small pieces the scanning screens share. The app has no login: whoever scores says who they are
 * ("acting as"), kept for this browser tab so moving between a round and a candidate keeps it.
 */

const ACTING_KEY = 'painopiste.scanning.actingAs';

export interface ActingAs {
  personId: string;
  role: 'assessor' | 'owner' | 'viewer';
}

export function useActingAs(): [ActingAs, (a: ActingAs) => void] {
  const [value, setValue] = useState<ActingAs>(() => {
    try {
      const raw = sessionStorage.getItem(ACTING_KEY);
      if (raw) return JSON.parse(raw) as ActingAs;
    } catch {
      // Unreadable value: start fresh.
    }
    return { personId: '', role: 'owner' };
  });
  return [
    value,
    (a) => {
      sessionStorage.setItem(ACTING_KEY, JSON.stringify(a));
      setValue(a);
    },
  ];
}

export function RoundStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className="badge">{t(`scanning.statusNames.round.${status}`)}</span>;
}

export function CandidateStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={status === 'approved' ? 'badge lead' : 'badge'}>{t(`scanning.statusNames.candidate.${status}`)}</span>;
}

/** A number in the user's language; '–' for none. */
export function fmt(v: number | null | undefined, digits = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  const lng = i18next.language === 'en' ? 'en-GB' : `${i18next.language}-FI`;
  return v.toLocaleString(lng, { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A labelled native input (dates, numbers) styled like the select fields. */
export function InputField(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  type?: 'text' | 'date' | 'number';
  error?: string | undefined;
  min?: number;
  max?: number;
  step?: number;
  name?: string;
}) {
  const id = useId();
  return (
    <div>
      <label className="field-label" htmlFor={id}>
        {props.label}
      </label>
      <input
        id={id}
        name={props.name}
        className="native-select"
        type={props.type ?? 'text'}
        value={props.value}
        min={props.min}
        max={props.max}
        step={props.step}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.error && (
        <div id={`${id}-error`} className="field-error">
          {props.error}
        </div>
      )}
    </div>
  );
}

/** A fieldset of checkboxes (STEEP, merge selection). */
export function CheckboxGroup<V extends string>(props: {
  legend: string;
  options: Array<{ value: V; label: string }>;
  value: V[];
  onChange: (v: V[]) => void;
}) {
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
      <legend className="field-label">{props.legend}</legend>
      {props.options.map((o) => (
        <label key={o.value} style={{ marginRight: 16, display: 'inline-flex', gap: 6, alignItems: 'center' }}>
          <input
            type="checkbox"
            checked={props.value.includes(o.value)}
            onChange={(e) =>
              props.onChange(e.target.checked ? [...props.value, o.value] : props.value.filter((x) => x !== o.value))
            }
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

export function Section(props: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="panel" aria-labelledby={props.id}>
      <Heading variant="h2" id={props.id}>
        {props.title}
      </Heading>
      {props.children}
    </section>
  );
}

/** Label/value lists laid out as two columns (no shared CSS class exists for a definition list). */
export const DL_STYLE = { display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 16px', margin: 0 } as const;

/**
 * A collapsible panel of the round page (the WAI-ARIA disclosure pattern: the h2 holds a button with
 * aria-expanded, so headings navigation and the region's name stay as they were). The body is mounted the
 * first time it opens and then only hidden, so a half-typed form survives collapsing.
 */
export interface PanelControl {
  isOpen: (panel: string) => boolean;
  toggle: (panel: string) => void;
}

export const PanelContext = createContext<PanelControl | null>(null);

export function CollapsiblePanel(props: { panel: string; id: string; title: string; children: ReactNode }) {
  const control = useContext(PanelContext);
  const open = control ? control.isOpen(props.panel) : true;
  const [mounted, setMounted] = useState(open);
  useEffect(() => {
    if (open) setMounted(true);
  }, [open]);
  const bodyId = `${props.id}-body`;
  return (
    <section
      className={open ? 'panel round-panel open' : 'panel round-panel'}
      aria-labelledby={props.id}
      data-panel={props.panel}
    >
      <Heading variant="h2" id={props.id} className="round-panel-heading">
        <button
          type="button"
          className="round-panel-toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => control?.toggle(props.panel)}
        >
          {props.title}
        </button>
      </Heading>
      <div id={bodyId} hidden={!open}>
        {(open || mounted) && props.children}
      </div>
    </section>
  );
}

/**
 * Which panels are open, per round and phase, for this browser tab: the phase's own work opens by
 * default, the user's choices (stored in sessionStorage) win over the default.
 */
export function usePanelState(roundId: string, phase: string, defaults: readonly string[]) {
  const key = `painopiste.scanning.panels.${roundId}.${phase}`;
  const read = (k: string): Record<string, boolean> => {
    try {
      const raw = sessionStorage.getItem(k);
      const parsed: unknown = raw ? JSON.parse(raw) : {};
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, boolean>) : {};
    } catch {
      return {};
    }
  };
  const [state, setState] = useState(() => ({ key, chosen: read(key) }));
  // Another round or another phase: its own remembered choices.
  const chosen = state.key === key ? state.chosen : read(key);
  if (state.key !== key) setState({ key, chosen });
  const isOpen = (panel: string) => chosen[panel] ?? defaults.includes(panel);
  const set = (panel: string, open: boolean) => {
    const next = { ...chosen, [panel]: open };
    try {
      sessionStorage.setItem(key, JSON.stringify(next));
    } catch {
      // Storage full or refused: the choice holds for this view only.
    }
    setState({ key, chosen: next });
  };
  return { isOpen, toggle: (panel: string) => set(panel, !isOpen(panel)), open: (panel: string) => set(panel, true) };
}
