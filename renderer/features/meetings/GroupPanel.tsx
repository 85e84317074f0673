import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { AGENDA_ITEM_TYPES, type AgendaItemType } from '../../../shared/meetings';
import type { GroupDetail } from '../../../shared/domain/groups';
import type { AgendaTemplateItem } from '../../../shared/domain/meetings';
import { api } from '../../api';
import { to, useApp } from '../../store/app';
import { describeError } from '../../ui/errors';
import { SelectField, TextField } from '../../ui/fields';
import { RouteLink } from '../../ui/RouteLink';
import { useLoad } from '../../ui/useLoad';
import { NativeField, titleOf } from './common';
import { MeetingForm } from './MeetingForm';
import { MeetingTable } from './MeetingsPage';
import { useToday } from '../../ui/today';

/** The group page's meetings section: upcoming and past meetings, scheduling, the agenda template. */
export function GroupPanel({ group }: { group: GroupDetail }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<'meeting' | 'series' | null>(null);
  const meetings = useLoad(() => api.meetings.list({ groupId: group.id }), [group.id]);
  const today = useToday();
  const all = meetings.data ?? [];
  const upcoming = all.filter((m) => m.date >= today);
  const past = all.filter((m) => m.date < today).reverse();
  return (
    <section className="panel" aria-labelledby="group-meetings">
      <Heading variant="h2" id="group-meetings">
        {t('meetings.title')}
      </Heading>
      <div className="toolbar">
        <Button onClick={() => setForm('meeting')}>{t('meetings.newMeeting')}</Button>
        <Button variant="secondary" onClick={() => setForm('series')}>
          {t('meetings.newSeries')}
        </Button>
        <RouteLink to={to('meetings', 'decisions', group.id)}>{t('meetings.decisions.register')}</RouteLink>
      </div>
      {form && (
        <MeetingForm
          groups={[group]}
          groupId={group.id}
          series={form === 'series'}
          onDone={() => {
            setForm(null);
            meetings.reload();
          }}
          onCancel={() => setForm(null)}
        />
      )}
      {all.length === 0 && !meetings.loading ? (
        <p>{t('meetings.noneYet')}</p>
      ) : (
        <>
          <MeetingTable rows={upcoming.slice(0, 20)} caption={t('meetings.upcoming')} empty={t('meetings.noUpcoming')} />
          <MeetingTable rows={past.slice(0, 10)} caption={t('meetings.past')} empty={t('meetings.noPast')} />
        </>
      )}
      <QuorumEditor group={group} />
      <TemplateEditor groupId={group.id} />
    </section>
  );
}

type QuorumKind = 'none' | 'members_fraction' | 'organisations_fraction' | 'min_members';

function QuorumEditor({ group }: { group: GroupDetail }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const initial = (group.quorumRule ?? { kind: 'none' }) as {
    kind: QuorumKind;
    fraction?: number;
    n?: number;
    comparison?: 'at_least' | 'more_than';
  };
  const [kind, setKind] = useState<QuorumKind>(initial.kind);
  const [fraction, setFraction] = useState(String(initial.fraction ?? 0.5));
  const [comparison, setComparison] = useState<'at_least' | 'more_than'>(initial.comparison ?? 'at_least');
  const [n, setN] = useState(String(initial.n ?? 3));
  const save = async () => {
    const rule =
      kind === 'none' ? null : kind === 'min_members' ? { kind, n: Number(n) } : { kind, fraction: Number(fraction), comparison };
    try {
      await api.meetings.setQuorumRule({ groupId: group.id, rule });
      notify('success', t('meetings.quorum.saved'));
    } catch (e) {
      notify('error', describeError(t, e));
    }
  };
  return (
    <form
      className="toolbar"
      aria-label={t('meetings.quorum.rule')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <SelectField<QuorumKind>
        label={t('meetings.quorum.rule')}
        value={kind}
        onChange={(v) => v && setKind(v)}
        options={(['none', 'members_fraction', 'organisations_fraction', 'min_members'] as const).map((k) => ({
          value: k,
          label: t(`meetings.quorum.kinds.${k}`),
        }))}
      />
      {(kind === 'members_fraction' || kind === 'organisations_fraction') && (
        <>
          <SelectField<'at_least' | 'more_than'>
            label={t('meetings.quorum.comparison')}
            value={comparison}
            onChange={(v) => v && setComparison(v)}
            options={[
              { value: 'at_least', label: t('meetings.quorum.atLeast') },
              { value: 'more_than', label: t('meetings.quorum.moreThan') },
            ]}
          />
          <NativeField label={t('meetings.quorum.fraction')} type="number" value={fraction} onChange={setFraction} />
        </>
      )}
      {kind === 'min_members' && (
        <NativeField label={t('meetings.quorum.minimum')} type="number" min={1} value={n} onChange={setN} />
      )}
      <Button type="submit" variant="secondary">
        {t('common.actions.save')}
      </Button>
    </form>
  );
}

type Draft = Omit<AgendaTemplateItem, 'id' | 'position'> & { key: string };

function TemplateEditor({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const template = useLoad(() => api.meetings.getTemplate({ groupId }), [groupId]);
  const [items, setItems] = useState<Draft[] | null>(null);
  const [name, setName] = useState<string | null>(null);
  const [newTitle, setNewTitle] = useState('');
  const [newType, setNewType] = useState<AgendaItemType>('discussion');
  const [newDuration, setNewDuration] = useState('10');
  const current: Draft[] = items ?? (template.data?.items ?? []).map((i) => ({ ...i, key: i.id }));
  const currentName = name ?? (template.data?.name || t('meetings.template.defaultName'));
  const update = (next: Draft[]) => setItems(next);
  const move = (i: number, d: -1 | 1) => {
    const next = [...current];
    const [x] = next.splice(i, 1);
    next.splice(Math.max(0, Math.min(next.length, i + d)), 0, x!);
    update(next);
  };
  const save = async () => {
    try {
      await api.meetings.saveTemplate({
        groupId,
        name: currentName,
        items: current.map((i) => ({
          type: i.type,
          title: i.title,
          description: i.description,
          durationMinutes: i.durationMinutes,
          standingKey: i.standingKey,
        })),
      });
      notify('success', t('meetings.template.saved'));
      setItems(null);
      setName(null);
      template.reload();
    } catch (e) {
      notify('error', describeError(t, e));
    }
  };
  return (
    <section aria-labelledby="template-heading" style={{ marginTop: 16 }}>
      <Heading variant="h3" as="h3" id="template-heading">
        {t('meetings.template.title')}
      </Heading>
      <p className="muted">{template.data?.id ? t('meetings.template.intro') : t('meetings.template.standard')}</p>
      <TextField label={t('meetings.template.name')} value={currentName} onChange={setName} />
      <ol>
        {current.map((i, n) => {
          const label = titleOf(t, i);
          return (
            <li key={i.key}>
              {label} · {t(`meetings.agenda.types.${i.type}`)} · {i.durationMinutes} min{' '}
              {i.standingKey && <span className="badge">{t('meetings.template.standing')}</span>}{' '}
              <button
                type="button"
                className="link-button"
                aria-label={t('meetings.agenda.moveUp', { title: label })}
                onClick={() => move(n, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="link-button"
                aria-label={t('meetings.agenda.moveDown', { title: label })}
                onClick={() => move(n, 1)}
              >
                ↓
              </button>
              <button type="button" className="link-button" onClick={() => update(current.filter((_, k) => k !== n))}>
                {t('meetings.agenda.remove', { title: label })}
              </button>
            </li>
          );
        })}
      </ol>
      <form
        className="toolbar"
        aria-label={t('meetings.template.addItem')}
        onSubmit={(e) => {
          e.preventDefault();
          if (!newTitle.trim()) return;
          update([
            ...current,
            {
              key: `new-${Date.now()}`,
              type: newType,
              title: newTitle.trim(),
              description: null,
              durationMinutes: Number(newDuration) || 0,
              standingKey: null,
            },
          ]);
          setNewTitle('');
        }}
      >
        <TextField label={t('meetings.agenda.itemTitle')} value={newTitle} onChange={setNewTitle} />
        <SelectField<AgendaItemType>
          label={t('meetings.agenda.type')}
          value={newType}
          onChange={(v) => v && setNewType(v)}
          options={AGENDA_ITEM_TYPES.map((x) => ({ value: x, label: t(`meetings.agenda.types.${x}`) }))}
        />
        <NativeField
          label={t('meetings.agenda.duration')}
          type="number"
          min={0}
          max={1440}
          value={newDuration}
          onChange={setNewDuration}
        />
        <Button type="submit" variant="secondary">
          {t('meetings.template.addItem')}
        </Button>
      </form>
      <Button onClick={() => void save()}>{t('meetings.template.save')}</Button>
    </section>
  );
}
