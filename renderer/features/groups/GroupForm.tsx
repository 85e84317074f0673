import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { groupInput } from '../../../shared/contract/groups';
import { GROUP_KINDS, GROUP_STATUSES, type Group, type GroupKind, type GroupStatus } from '../../../shared/domain/groups';
import { api } from '../../api';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { useLoad } from '../../ui/useLoad';
import { FormPanel, changedFields, useFormSubmit } from '../../ui/forms';
import { refreshNames, useNames } from '../../ui/names';
import { OtherLanguageNames, otherLanguageValues, type OtherLanguageValues } from '../../ui/OtherLanguageNames';

const NAME_KEYS = ['name', 'shortName'] as const;

type Draft = OtherLanguageValues<(typeof NAME_KEYS)[number]> & {
  kind: GroupKind | '';
  name: string;
  shortName: string;
  description: string;
  parentId: string;
  status: GroupStatus | '';
  priorityNumber: string;
};

export function GroupForm(props: { initial?: Group; onDone: (saved?: Group) => void }) {
  const { t } = useTranslation();
  const g = props.initial;
  const [draft, setDraft] = useState<Draft>({
    kind: g?.kind ?? '',
    name: g?.name ?? '',
    shortName: g?.shortName ?? '',
    description: g?.description ?? '',
    parentId: g?.parentId ?? '',
    status: g?.status ?? 'preparing',
    priorityNumber: g?.priorityNumber ? String(g.priorityNumber) : '',
    ...otherLanguageValues(NAME_KEYS, g),
  });
  const names = useNames();
  const groups = useLoad(() => api.groups.list({}), []);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const { errors, formError, submit } = useFormSubmit(
    groupInput,
    async (data) => {
      if (!g) return api.groups.create(data);
      const patch = changedFields(data, g);
      return Object.keys(patch).length ? api.groups.update({ id: g.id, patch }) : g;
    },
    (saved) => {
      refreshNames();
      props.onDone(saved);
    },
  );
  const values = () => {
    const number = draft.priorityNumber.trim();
    return {
      ...draft,
      parentId: draft.parentId || null,
      priorityNumber: number === '' ? null : /^\d+$/.test(number) ? Number(number) : number,
      timeZone: g?.timeZone ?? 'Europe/Helsinki',
    };
  };

  return (
    <FormPanel
      id="group-form-title"
      title={g ? t('groups.form.editTitle') : t('groups.form.newTitle')}
      error={formError}
      onSubmit={() => void submit(values())}
      onCancel={() => props.onDone()}
    >
      <div className="form-grid" style={{ marginTop: 16 }}>
        <TextField
          label={t('groups.fields.name')}
          value={draft.name}
          onChange={(v) => set({ name: v })}
          error={errors.name}
          name="name"
        />
        <TextField
          label={t('groups.fields.shortName')}
          value={draft.shortName}
          onChange={(v) => set({ shortName: v })}
          error={errors.shortName}
          optional={t('common.optional')}
          name="shortName"
        />
        <SelectField<GroupKind>
          label={t('groups.fields.kind')}
          value={draft.kind}
          onChange={(v) => set({ kind: v })}
          options={GROUP_KINDS.map((k) => ({ value: k, label: t(`groups.kinds.${k}`) }))}
          emptyLabel={t('common.choose')}
          error={errors.kind}
          name="kind"
        />
        <SelectField<GroupStatus>
          label={t('groups.fields.status')}
          value={draft.status}
          onChange={(v) => set({ status: v })}
          options={GROUP_STATUSES.map((s) => ({ value: s, label: t(`groups.statuses.${s}`) }))}
          error={errors.status}
          name="status"
        />
        <SelectField
          label={t('groups.fields.parent')}
          value={draft.parentId}
          onChange={(v) => set({ parentId: v })}
          options={(groups.data ?? []).filter((x) => x.id !== g?.id).map((x) => ({ value: x.id, label: names.group(x) }))}
          emptyLabel={t('common.none')}
          error={errors.parentId}
          name="parentId"
        />
        <TextField
          label={t('groups.fields.priorityNumber')}
          value={draft.priorityNumber}
          onChange={(v) => set({ priorityNumber: v })}
          error={errors.priorityNumber}
          optional={t('common.optional')}
          name="priorityNumber"
        />
      </div>
      <div style={{ marginTop: 16 }}>
        <TextAreaField
          label={t('groups.fields.description')}
          value={draft.description}
          onChange={(v) => set({ description: v })}
          error={errors.description}
          optional={t('common.optional')}
          name="description"
        />
      </div>
      <OtherLanguageNames keys={NAME_KEYS} values={draft} onChange={set} errors={errors} />
    </FormPanel>
  );
}
