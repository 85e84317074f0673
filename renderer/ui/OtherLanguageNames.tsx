import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NAME_LANGUAGES, languageKey } from '../../shared/domain/names';
import type { FieldErrors } from './errors';
import { TextField } from './fields';

type Key = 'name' | 'abbreviation' | 'shortName';
type LanguageField<K extends Key> = `${K}${'Fi' | 'Sv' | 'En'}`;
export type OtherLanguageValues<K extends Key> = Record<LanguageField<K>, string>;

/** The per-language fields' values of a row, for a form's draft ('' where none). */
export function otherLanguageValues<K extends Key>(
  keys: readonly K[],
  row: Partial<Record<LanguageField<K>, string | null>> | undefined,
): OtherLanguageValues<K> {
  const out: Record<string, string> = {};
  for (const k of keys) for (const l of NAME_LANGUAGES) out[languageKey(k, l)] = row?.[languageKey(k, l)] ?? '';
  return out as OtherLanguageValues<K>;
}

/**
 * "Names in other languages": a collapsed section of the organisation and group forms with a field
 * per key and language (Name in Finnish / Swedish / English, then the abbreviation or short name). It
 * opens by itself when one of its fields has an error, so no message is hidden.
 */
export function OtherLanguageNames<K extends Key>(props: {
  keys: readonly K[];
  values: OtherLanguageValues<K>;
  onChange: (patch: Partial<OtherLanguageValues<K>>) => void;
  errors: FieldErrors;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const fields = props.keys.flatMap((k) => NAME_LANGUAGES.map((l) => ({ key: languageKey(k, l), k, l })));
  const hasError = fields.some((f) => props.errors[f.key]);
  return (
    <details className="other-names" open={open || hasError} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('common.names.otherLanguages')}</summary>
      <p className="muted">{t('common.names.hint')}</p>
      <div className="form-grid">
        {fields.map((f) => (
          <TextField
            key={f.key}
            label={t(`common.names.${f.k}In.${f.l}`)}
            value={props.values[f.key]}
            onChange={(v) => props.onChange({ [f.key]: v } as Partial<OtherLanguageValues<K>>)}
            error={props.errors[f.key]}
            optional={t('common.optional')}
            name={f.key}
          />
        ))}
      </div>
    </details>
  );
}
