import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, Paragraph } from 'suomifi-ui-components';
import type { ConflictEntry } from '../../../shared/domain/exchange';
import { api } from '../../api';
import { useApp } from '../../store/app';
import { describeError } from '../../ui/errors';
import { TextAreaField } from '../../ui/fields';
import { useLoad } from '../../ui/useLoad';
import { formatDateTime } from '../../ui/dates';
import { DiffText, WhereLine } from './describe';
import { sameReplica } from './ReplacedSign';

/** Texts edited on two laptops at once: keep one, or write a merged text (an ordinary edit that travels). */
export function ConflictsView() {
  const { t } = useTranslation();
  const conflicts = useLoad(() => api.exchange.conflicts({}), []);
  return (
    <div>
      <div className="page-header">
        <Heading variant="h1">{t('exchange.conflicts.title')}</Heading>
      </div>
      <Paragraph mt="s">{t('exchange.conflicts.intro')}</Paragraph>
      <Paragraph mt="xs">{t('exchange.conflicts.diffHint')}</Paragraph>
      {conflicts.error !== undefined && <Paragraph>{describeError(t, conflicts.error)}</Paragraph>}
      {conflicts.data?.length === 0 && <Paragraph mt="m">{t('exchange.conflicts.empty')}</Paragraph>}
      {(conflicts.data ?? []).map((c) => (
        <ConflictCard key={c.id} conflict={c} onResolved={conflicts.reload} />
      ))}
    </div>
  );
}

/** "Written 4 Jan 2027 10:00 on this computer" / "… on computer 3f9a2c1b". */
function Written({ stamp }: { stamp: ConflictEntry['currentWritten'] }) {
  const { t } = useTranslation();
  const own = useApp((s) => s.info?.replicaId);
  if (!stamp) return null;
  const here = own !== undefined && sameReplica(stamp.replica, own);
  return (
    <p className="muted" style={{ margin: '2px 0 6px' }}>
      {here
        ? t('exchange.conflicts.writtenHere', { date: formatDateTime(stamp.at) })
        : t('exchange.conflicts.writtenOn', { date: formatDateTime(stamp.at), computer: stamp.replica.slice(0, 8) })}
    </p>
  );
}

function ConflictCard({ conflict: c, onResolved }: { conflict: ConflictEntry; onResolved: () => void }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const [merged, setMerged] = useState(c.currentValue ?? '');
  const [error, setError] = useState<string | undefined>();
  const headingId = `conflict-${c.id}`;

  const resolve = async (choice: 'current' | 'other' | 'merged') => {
    try {
      await api.exchange.resolveConflict({ id: c.id, choice, ...(choice === 'merged' ? { text: merged } : {}) });
      notify('success', t('exchange.conflicts.resolved'));
      onResolved();
    } catch (e) {
      setError(describeError(t, e));
    }
  };

  return (
    <section className="panel" aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId}>
        {t('exchange.conflicts.field', {
          table: t(`exchange.tables.${c.table}`, { defaultValue: c.table }),
          label: c.label,
          field: c.field,
        })}
      </Heading>
      <WhereLine where={c.where} />
      {c.kind === 'edit_vs_delete' ? (
        <>
          <Paragraph mt="s">{t('exchange.conflicts.editVsDelete')}</Paragraph>
          <div className="form-actions">
            <Button onClick={() => void resolve('current')}>{t('exchange.conflicts.acknowledge')}</Button>
          </div>
        </>
      ) : (
        <>
          <div className="form-grid">
            <div>
              <Heading variant="h3">{t('exchange.conflicts.current')}</Heading>
              <Written stamp={c.currentWritten} />
              <DiffText text={c.currentValue} other={c.otherValue} testId="conflict-current" />
            </div>
            <div>
              <Heading variant="h3">{t('exchange.conflicts.other')}</Heading>
              <Written stamp={c.otherWritten} />
              <DiffText text={c.otherValue} other={c.currentValue} testId="conflict-other" />
            </div>
          </div>
          <div className="form-actions">
            <Button variant="secondary" onClick={() => void resolve('current')}>
              {t('exchange.conflicts.keepCurrent')}
            </Button>
            <Button variant="secondary" onClick={() => void resolve('other')}>
              {t('exchange.conflicts.useOther')}
            </Button>
          </div>
          <TextAreaField
            label={t('exchange.conflicts.mergedLabel')}
            value={merged}
            onChange={setMerged}
            error={error}
            name={`merged-${c.id}`}
          />
          <div className="form-actions">
            <Button onClick={() => void resolve('merged')}>{t('exchange.conflicts.saveMerged')}</Button>
          </div>
        </>
      )}
    </section>
  );
}
