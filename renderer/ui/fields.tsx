import { useId, type ReactNode } from 'react';
import { TextInput, Textarea } from 'suomifi-ui-components';

/** Text field on the design system's TextInput, with our error sentence as its status text. */
export function TextField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string;
  optional?: string;
  type?: 'text' | 'email' | 'tel' | 'url';
  name?: string;
}) {
  return (
    <TextInput
      labelText={props.label}
      value={props.value}
      onChange={(v) => props.onChange(String(v ?? ''))}
      status={props.error ? 'error' : 'default'}
      statusText={props.error ?? ''}
      {...(props.hint ? { hintText: props.hint } : {})}
      {...(props.optional ? { optionalText: props.optional } : {})}
      type={props.type ?? 'text'}
      name={props.name}
      fullWidth
    />
  );
}

export function TextAreaField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  optional?: string;
  name?: string;
}) {
  return (
    <Textarea
      labelText={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      status={props.error ? 'error' : 'default'}
      statusText={props.error ?? ''}
      {...(props.optional ? { optionalText: props.optional } : {})}
      name={props.name}
      fullWidth
      resize="vertical"
    />
  );
}

/**
 * A native <select>: keyboard, screen reader and type-ahead behaviour come from the platform, which
 * matters for long lists of organisations and people.
 */
export function SelectField<V extends string>(props: {
  label: string;
  value: V | '';
  onChange: (value: V | '') => void;
  options: Array<{ value: V; label: string }>;
  error?: string | undefined;
  emptyLabel?: string;
  name?: string;
  children?: ReactNode;
}) {
  const id = useId();
  return (
    <div>
      <label className="field-label" htmlFor={id}>
        {props.label}
      </label>
      <select
        id={id}
        name={props.name}
        className="native-select"
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onChange={(e) => props.onChange(e.target.value as V | '')}
      >
        {props.emptyLabel !== undefined && <option value="">{props.emptyLabel}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.error && (
        <div id={`${id}-error`} className="field-error">
          {props.error}
        </div>
      )}
    </div>
  );
}
