import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, InlineAlert, Paragraph } from 'suomifi-ui-components';
import { rotationCreateInput, rotationEditInput, rotationSettingsInput } from '../../../shared/contract/rotation';
import { CANCELLED_RULES, ROTATION_MODES, ROTATION_UNITS, type RotationView } from '../../../shared/domain/rotation';
import type { CancelledRule, RotationMode, RotationUnit } from '../../../shared/rotation';
import { api } from '../../api';
import { useApp } from '../../store/app';
import { describeError, fieldErrorsOf, validateWith, type FieldErrors } from '../../ui/errors';
import { SelectField, TextField } from '../../ui/fields';
import { MembersEditor } from './MembersEditor';
import { useMemberOptions } from './useMemberOptions';
import { today } from '../../ui/today';

const toNumber = (s: string) => (s.trim() === '' ? null : Number(s));

function TermFields(props: {
  mode: RotationMode;
  termLength: string;
  anchorDate: string;
  onTermLength: (v: string) => void;
  onAnchorDate: (v: string) => void;
  errors: FieldErrors;
}) {
  const { t } = useTranslation();
  if (props.mode === 'per_meeting') return null;
  return (
    <>
      <TextField
        label={t('rotation.fields.termLength')}
        hint={t('rotation.form.termLengthHint')}
        value={props.termLength}
        onChange={props.onTermLength}
        error={props.errors.termLength}
      />
      <TextField
        label={t('rotation.fields.anchorDate')}
        hint={t('common.dateHint')}
        value={props.anchorDate}
        onChange={props.onAnchorDate}
        error={props.errors.anchorDate}
      />
    </>
  );
}

/** Setting up a group's rotation: unit, mode, order, starting member, cancelled rule, notice. */
export function CreateRotationForm(props: { groupId: string; onDone: (view: RotationView) => void }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const [name, setName] = useState(t('rotation.panel.title'));
  const [unit, setUnit] = useState<RotationUnit>('organisations');
  const [mode, setMode] = useState<RotationMode>('per_meeting');
  const [termLength, setTermLength] = useState('6');
  const [anchorDate, setAnchorDate] = useState(today());
  const [effectiveFrom, setEffectiveFrom] = useState(today());
  const [members, setMembers] = useState<string[]>([]);
  const [startIndex, setStartIndex] = useState('0');
  const [cancelledRule, setCancelledRule] = useState<CancelledRule>('hold');
  const [notice, setNotice] = useState('4');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | undefined>();
  const options = useMemberOptions(unit);
  const label = (id: string) => options.find((o) => o.value === id)?.label ?? '?';

  const submit = async () => {
    setError(undefined);
    if (members.length === 0) {
      setErrors({ members: t('rotation.noMembers') });
      return;
    }
    const values = {
      groupId: props.groupId,
      name,
      unit,
      mode,
      termLength: mode === 'per_meeting' ? null : toNumber(termLength),
      anchorDate: mode === 'per_meeting' ? null : anchorDate,
      effectiveFrom,
      members,
      startIndex: Number(startIndex),
      cancelledRule,
      handoverNoticeWeeks: toNumber(notice) ?? 4,
    };
    const checked = validateWith(t, rotationCreateInput, values);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    try {
      const view = await api.rotation.create(checked.data);
      notify('success', t('rotation.form.created'));
      props.onDone(view);
    } catch (e) {
      setErrors(fieldErrorsOf(t, e));
      setError(describeError(t, e));
    }
  };

  return (
    <section className="panel" aria-labelledby="rotation-create">
      <Heading variant="h2" id="rotation-create">
        {t('rotation.form.createTitle')}
      </Heading>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="form-grid" style={{ marginTop: 16 }}>
          <TextField label={t('rotation.fields.name')} value={name} onChange={setName} error={errors.name} />
          <SelectField<RotationUnit>
            label={t('rotation.fields.unit')}
            value={unit}
            onChange={(v) => {
              if (!v) return;
              setUnit(v);
              setMembers([]);
            }}
            options={ROTATION_UNITS.map((u) => ({ value: u, label: t(`rotation.units.${u}`) }))}
          />
          <SelectField<RotationMode>
            label={t('rotation.fields.mode')}
            value={mode}
            onChange={(v) => v && setMode(v)}
            options={ROTATION_MODES.map((m) => ({ value: m, label: t(`rotation.modes.${m}`) }))}
          />
          <TermFields
            mode={mode}
            termLength={termLength}
            anchorDate={anchorDate}
            onTermLength={setTermLength}
            onAnchorDate={setAnchorDate}
            errors={errors}
          />
          <TextField
            label={t('rotation.fields.effectiveFrom')}
            hint={t('common.dateHint')}
            value={effectiveFrom}
            onChange={setEffectiveFrom}
            error={errors.effectiveFrom}
          />
          <SelectField<CancelledRule>
            label={t('rotation.fields.cancelledRule')}
            value={cancelledRule}
            onChange={(v) => v && setCancelledRule(v)}
            options={CANCELLED_RULES.map((r) => ({ value: r, label: t(`rotation.cancelledRules.${r}`) }))}
          />
          <TextField
            label={t('rotation.fields.handoverNoticeWeeks')}
            value={notice}
            onChange={setNotice}
            error={errors.handoverNoticeWeeks}
          />
        </div>
        <div style={{ marginTop: 16 }}>
          <MembersEditor members={members} onChange={setMembers} options={options} error={errors.members} />
        </div>
        {members.length > 0 && (
          <div style={{ marginTop: 16, maxWidth: 320 }}>
            <SelectField
              label={t('rotation.fields.startMember')}
              value={startIndex}
              onChange={(v) => setStartIndex(v || '0')}
              options={members.map((m, i) => ({
                value: String(i),
                label: t('rotation.form.position', { position: i + 1, name: label(m) }),
              }))}
              error={errors.startIndex}
            />
          </div>
        )}
        {error && (
          <InlineAlert status="error" style={{ marginTop: 16 }}>
            {error}
          </InlineAlert>
        )}
        <div className="form-actions">
          <Button type="submit">{t('rotation.form.create')}</Button>
        </div>
      </form>
    </section>
  );
}

/** A new version of the order, effective from a chosen date; current and next chair are kept. */
export function EditOrderForm(props: { view: RotationView; onDone: (view: RotationView) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const { view } = props;
  const [members, setMembers] = useState<string[]>(view.current.members);
  const [effectiveFrom, setEffectiveFrom] = useState(view.today);
  const termMode = view.current.mode !== 'per_meeting';
  const [mode, setMode] = useState<RotationMode>(view.current.mode);
  const [termLength, setTermLength] = useState(String(view.current.termLength ?? ''));
  const [anchorDate, setAnchorDate] = useState(view.current.anchorDate ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | undefined>();
  const options = useMemberOptions(view.rotation.unit);

  const submit = async () => {
    setError(undefined);
    if (members.length === 0) {
      setErrors({ members: t('rotation.noMembers') });
      return;
    }
    const values = {
      rotationId: view.rotation.id,
      effectiveFrom,
      members,
      ...(termMode ? { mode, termLength: toNumber(termLength), anchorDate: anchorDate || null } : {}),
    };
    const checked = validateWith(t, rotationEditInput, values);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    try {
      const next = await api.rotation.edit(checked.data);
      const version = [...next.versions].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1)).at(-1);
      notify('success', t('rotation.form.edited', { date: version?.effectiveFrom ?? effectiveFrom }));
      props.onDone(next);
    } catch (e) {
      setErrors(fieldErrorsOf(t, e));
      setError(describeError(t, e));
    }
  };

  return (
    <section className="panel" aria-labelledby="rotation-edit">
      <Heading variant="h2" id="rotation-edit">
        {t('rotation.form.editTitle')}
      </Heading>
      <Paragraph mt="s">{t('rotation.form.editHint')}</Paragraph>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="form-grid" style={{ marginTop: 16 }}>
          <TextField
            label={t('rotation.fields.effectiveFrom')}
            hint={t('common.dateHint')}
            value={effectiveFrom}
            onChange={setEffectiveFrom}
            error={errors.effectiveFrom}
          />
          {termMode && (
            <SelectField<RotationMode>
              label={t('rotation.fields.mode')}
              value={mode}
              onChange={(v) => v && setMode(v)}
              options={(['term_months', 'term_weeks'] as const).map((m) => ({ value: m, label: t(`rotation.modes.${m}`) }))}
            />
          )}
          <TermFields
            mode={termMode ? mode : 'per_meeting'}
            termLength={termLength}
            anchorDate={anchorDate}
            onTermLength={setTermLength}
            onAnchorDate={setAnchorDate}
            errors={errors}
          />
        </div>
        <div style={{ marginTop: 16 }}>
          <MembersEditor members={members} onChange={setMembers} options={options} error={errors.members} />
        </div>
        {error && (
          <InlineAlert status="error" style={{ marginTop: 16 }}>
            {error}
          </InlineAlert>
        )}
        <div className="form-actions">
          <Button type="submit">{t('rotation.form.saveEdit')}</Button>
          <Button type="button" variant="secondary" onClick={props.onCancel}>
            {t('common.actions.cancel')}
          </Button>
        </div>
      </form>
    </section>
  );
}

/** Name, the cancelled-meeting rule (a group setting) and the handover notice. */
export function SettingsForm(props: { view: RotationView; onDone: (view: RotationView) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const { rotation } = props.view;
  const [name, setName] = useState(rotation.name);
  const [cancelledRule, setCancelledRule] = useState<CancelledRule>(rotation.cancelledRule);
  const [notice, setNotice] = useState(String(rotation.handoverNoticeWeeks));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | undefined>();

  const submit = async () => {
    const checked = validateWith(t, rotationSettingsInput, {
      rotationId: rotation.id,
      name,
      cancelledRule,
      handoverNoticeWeeks: toNumber(notice) ?? -1,
    });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    try {
      const next = await api.rotation.updateSettings(checked.data);
      notify('success', t('rotation.form.settingsSaved'));
      props.onDone(next);
    } catch (e) {
      setError(describeError(t, e));
    }
  };

  return (
    <section className="panel" aria-labelledby="rotation-settings">
      <Heading variant="h2" id="rotation-settings">
        {t('rotation.form.settingsTitle')}
      </Heading>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="form-grid" style={{ marginTop: 16 }}>
          <TextField label={t('rotation.fields.name')} value={name} onChange={setName} error={errors.name} />
          <SelectField<CancelledRule>
            label={t('rotation.fields.cancelledRule')}
            value={cancelledRule}
            onChange={(v) => v && setCancelledRule(v)}
            options={CANCELLED_RULES.map((r) => ({ value: r, label: t(`rotation.cancelledRules.${r}`) }))}
          />
          <TextField
            label={t('rotation.fields.handoverNoticeWeeks')}
            value={notice}
            onChange={setNotice}
            error={errors.handoverNoticeWeeks}
          />
        </div>
        {error && (
          <InlineAlert status="error" style={{ marginTop: 16 }}>
            {error}
          </InlineAlert>
        )}
        <div className="form-actions">
          <Button type="submit">{t('common.actions.save')}</Button>
          <Button type="button" variant="secondary" onClick={props.onCancel}>
            {t('common.actions.cancel')}
          </Button>
        </div>
      </form>
    </section>
  );
}
