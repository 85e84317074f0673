import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import type { z } from 'zod';
import { describeError, fieldErrorsOf, validateWith, type FieldErrors } from './errors';

/**
 * Validate with the contract's own schema, then save: field messages from either side, and one
 * sentence for the form when the backend refuses.
 */
export function useFormSubmit<S extends z.ZodType, R>(
  schema: S,
  save: (data: z.output<S>) => Promise<R>,
  onSaved: (saved: R) => void,
) {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const submit = async (values: unknown) => {
    const checked = validateWith(t, schema, values);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    try {
      onSaved(await save(checked.data));
    } catch (e) {
      setErrors(fieldErrorsOf(t, e));
      setFormError(describeError(t, e));
    }
  };
  return { errors, formError, submit };
}

/**
 * An edit form's patch: of the checked values, only those that differ from the record as loaded, so a
 * field the user did not touch never travels (and never overwrites a change made elsewhere).
 */
export function changedFields<T extends Record<string, unknown>>(checked: T, initial: object): Partial<T> {
  const before = initial as Record<string, unknown>;
  return Object.fromEntries(Object.entries(checked).filter(([k, v]) => v !== (before[k] ?? null))) as Partial<T>;
}

/** A create/edit form in a panel: heading, fields, the form's error sentence, Save and Cancel. */
export function FormPanel(props: {
  id: string;
  title: string;
  error: string | null;
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby={props.id}>
      <Heading variant="h2" id={props.id}>
        {props.title}
      </Heading>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit();
        }}
      >
        {props.children}
        {props.error && (
          <p role="alert" className="field-error">
            {props.error}
          </p>
        )}
        <div className="form-actions">
          <Button type="submit">{t('common.actions.save')}</Button>
          <Button variant="secondary" type="button" onClick={props.onCancel}>
            {t('common.actions.cancel')}
          </Button>
        </div>
      </form>
    </section>
  );
}
