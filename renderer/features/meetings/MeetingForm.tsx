import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { meetingInput, seriesInput } from '../../../shared/contract/meetings';
import { api } from '../../api';
import { to, useApp } from '../../store/app';
import { describeError, fieldErrorsOf, validateWith, type FieldErrors } from '../../ui/errors';
import { SelectField, TextField } from '../../ui/fields';
import { NativeField } from './common';
import { useNames } from '../../ui/names';

type Freq = 'weekly' | 'monthly_nth_weekday' | 'monthly_day';

/** Schedule one meeting or a series for a group. */
export function MeetingForm(props: {
  groups: Array<{ id: string; name: string }>;
  groupId?: string;
  series?: boolean;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const names = useNames();
  const notify = useApp((s) => s.notify);
  const navigate = useApp((s) => s.navigate);
  const [groupId, setGroupId] = useState(props.groupId ?? '');
  const [title, setTitle] = useState('');
  const [date, setDate] = useState('');
  const [startTime, setStartTime] = useState('09:00');
  const [endTime, setEndTime] = useState('11:00');
  const [timeZone, setTimeZone] = useState('Europe/Helsinki');
  const [place, setPlace] = useState('');
  const [onlineLink, setOnlineLink] = useState('');
  const [freq, setFreq] = useState<Freq>('weekly');
  const [interval, setInterval] = useState('1');
  const [weekday, setWeekday] = useState('1');
  const [nth, setNth] = useState('1');
  const [day, setDay] = useState('1');
  const [endKind, setEndKind] = useState<'until' | 'count'>('count');
  const [untilDate, setUntilDate] = useState('');
  const [count, setCount] = useState('6');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string>();

  const submit = async () => {
    const common = { groupId, title, startTime, endTime, timeZone, place, onlineLink };
    try {
      if (props.series) {
        const rule =
          freq === 'weekly'
            ? { freq, interval: Number(interval), weekday: Number(weekday) }
            : freq === 'monthly_nth_weekday'
              ? { freq, interval: Number(interval), nth: Number(nth), weekday: Number(weekday) }
              : { freq, interval: Number(interval), day: Number(day) };
        const values = {
          ...common,
          rule,
          startDate: date,
          untilDate: endKind === 'until' ? untilDate || null : null,
          count: endKind === 'count' ? Number(count) : null,
        };
        const v = validateWith(t, seriesInput, values);
        if (!v.ok) return setErrors(v.errors);
        const r = await api.meetings.createSeries(v.data);
        notify('success', t('meetings.seriesCreated', { count: r.meetings.length }));
        props.onDone();
      } else {
        const v = validateWith(t, meetingInput, { ...common, date });
        if (!v.ok) return setErrors(v.errors);
        const m = await api.meetings.create(v.data);
        notify('success', t('meetings.created'));
        props.onDone();
        navigate(to('meetings', m.id));
      }
    } catch (e) {
      setErrors(fieldErrorsOf(t, e));
      setError(describeError(t, e));
    }
  };

  const heading = props.series ? t('meetings.newSeries') : t('meetings.newMeeting');
  return (
    <section className="panel" aria-label={heading}>
      <Heading variant="h3" as="h2">
        {heading}
      </Heading>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="form-grid">
          {!props.groupId && (
            <SelectField
              label={t('meetings.fields.group')}
              value={groupId}
              onChange={setGroupId}
              options={props.groups.map((g) => ({ value: g.id, label: names.group(g) }))}
              emptyLabel={t('common.choose')}
              error={errors.groupId}
            />
          )}
          <TextField label={t('meetings.fields.title')} value={title} onChange={setTitle} error={errors.title} />
          <NativeField
            label={props.series ? t('meetings.series.startDate') : t('meetings.fields.date')}
            type="date"
            value={date}
            onChange={setDate}
            error={props.series ? errors.startDate : errors.date}
          />
          <NativeField
            label={t('meetings.fields.startTime')}
            type="time"
            value={startTime}
            onChange={setStartTime}
            error={errors.startTime}
          />
          <NativeField
            label={t('meetings.fields.endTime')}
            type="time"
            value={endTime}
            onChange={setEndTime}
            error={errors.endTime}
          />
          <TextField label={t('meetings.fields.timeZone')} value={timeZone} onChange={setTimeZone} error={errors.timeZone} />
          <TextField
            label={t('meetings.fields.place')}
            value={place}
            onChange={setPlace}
            error={errors.place}
            optional={t('common.optional')}
          />
          <TextField
            label={t('meetings.fields.onlineLink')}
            value={onlineLink}
            onChange={setOnlineLink}
            error={errors.onlineLink}
            type="url"
            optional={t('common.optional')}
          />
          {props.series && (
            <>
              <SelectField<Freq>
                label={t('meetings.series.frequency')}
                value={freq}
                onChange={(v) => v && setFreq(v)}
                options={(['weekly', 'monthly_nth_weekday', 'monthly_day'] as const).map((f) => ({
                  value: f,
                  label: t(`meetings.series.freq.${f}`),
                }))}
                error={errors.rule}
              />
              <NativeField
                label={t('meetings.series.interval')}
                type="number"
                min={1}
                max={99}
                value={interval}
                onChange={setInterval}
              />
              {freq === 'monthly_nth_weekday' && (
                <SelectField
                  label={t('meetings.series.nth')}
                  value={nth}
                  onChange={(v) => v && setNth(v)}
                  options={['1', '2', '3', '4', '5', '-1'].map((n) => ({
                    value: n,
                    label: t(`meetings.series.nthOptions.${n}`),
                  }))}
                />
              )}
              {freq !== 'monthly_day' ? (
                <SelectField
                  label={t('meetings.series.weekday')}
                  value={weekday}
                  onChange={(v) => v && setWeekday(v)}
                  options={['1', '2', '3', '4', '5', '6', '7'].map((n) => ({ value: n, label: t(`meetings.weekdays.${n}`) }))}
                />
              ) : (
                <NativeField label={t('meetings.series.day')} type="number" min={1} max={31} value={day} onChange={setDay} />
              )}
              <SelectField<'until' | 'count'>
                label={t('meetings.series.end')}
                value={endKind}
                onChange={(v) => v && setEndKind(v)}
                options={[
                  { value: 'count', label: t('meetings.series.endCount') },
                  { value: 'until', label: t('meetings.series.endUntil') },
                ]}
              />
              {endKind === 'count' ? (
                <NativeField
                  label={t('meetings.series.count')}
                  type="number"
                  min={1}
                  max={500}
                  value={count}
                  onChange={setCount}
                  error={errors.count}
                />
              ) : (
                <NativeField
                  label={t('meetings.series.untilDate')}
                  type="date"
                  value={untilDate}
                  onChange={setUntilDate}
                  error={errors.untilDate ?? errors.count}
                />
              )}
            </>
          )}
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
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
