import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'suomifi-ui-components';
import { SelectField } from '../../ui/fields';

export interface MemberOption {
  value: string;
  label: string;
}

/**
 * The ordered list of members. A member may be added more than once (more turns per cycle); each
 * position can be moved up or down or removed with the keyboard.
 */
export function MembersEditor(props: {
  members: string[];
  onChange: (members: string[]) => void;
  options: MemberOption[];
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState('');
  const label = (id: string) => props.options.find((o) => o.value === id)?.label ?? '?';
  const move = (i: number, by: number) => {
    const next = [...props.members];
    const [item] = next.splice(i, 1);
    next.splice(i + by, 0, item!);
    props.onChange(next);
  };
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
      <legend className="field-label">{t('rotation.fields.members')}</legend>
      {props.members.length === 0 ? (
        <p className="muted">{t('rotation.form.noMembersYet')}</p>
      ) : (
        <ol style={{ paddingLeft: 0, listStyle: 'none', margin: '0 0 12px' }}>
          {props.members.map((id, i) => {
            const name = label(id);
            return (
              <li key={`${id}-${i}`} style={{ display: 'flex', gap: 12, alignItems: 'center', padding: '4px 0' }}>
                <span style={{ minWidth: 160 }}>{t('rotation.form.position', { position: i + 1, name })}</span>
                <button
                  type="button"
                  className="link-button"
                  disabled={i === 0}
                  aria-label={t('rotation.form.moveUp', { name: `${i + 1}. ${name}` })}
                  onClick={() => move(i, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="link-button"
                  disabled={i === props.members.length - 1}
                  aria-label={t('rotation.form.moveDown', { name: `${i + 1}. ${name}` })}
                  onClick={() => move(i, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="link-button"
                  aria-label={t('rotation.form.removeMember', { name, position: i + 1 })}
                  onClick={() => props.onChange(props.members.filter((_, j) => j !== i))}
                >
                  {t('common.actions.remove')}
                </button>
              </li>
            );
          })}
        </ol>
      )}
      <div className="toolbar" style={{ margin: 0 }}>
        <div style={{ minWidth: 240 }}>
          <SelectField
            label={t('rotation.fields.member')}
            value={choice}
            onChange={setChoice}
            options={props.options}
            emptyLabel={t('common.choose')}
            error={props.error}
          />
        </div>
        <Button
          type="button"
          variant="secondary"
          onClick={() => {
            if (!choice) return;
            props.onChange([...props.members, choice]);
            setChoice('');
          }}
        >
          {t('rotation.form.addMember')}
        </Button>
      </div>
    </fieldset>
  );
}
