import { useTranslation } from 'react-i18next';
import type { RecordWhere } from '../../../shared/domain/exchange';
import type { Route } from '../../store/app';
import { RouteLink } from '../../ui/RouteLink';
import { formatDate } from '../../ui/dates';

/** "Group › Meeting, date › Item" and a link to the record, for a conflict or an imported record. */
export function WhereLine({ where, linkLabel }: { where: RecordWhere | null | undefined; linkLabel?: string }) {
  const { t } = useTranslation();
  if (!where) return null;
  const parts = [
    where.group,
    where.meeting ? (where.date ? `${where.meeting}, ${formatDate(where.date)}` : where.meeting) : null,
    where.item,
  ].filter((p): p is string => Boolean(p));
  if (parts.length === 0 && !where.route) return null;
  return (
    <p className="muted" style={{ margin: '4px 0' }}>
      {parts.join(' › ')}
      {where.route && (
        <>
          {parts.length > 0 ? ' · ' : ''}
          <RouteLink to={where.route as Route}>{linkLabel ?? t('exchange.describe.open')}</RouteLink>
        </>
      )}
    </p>
  );
}

type Piece = { text: string; changed: boolean };

/**
 * Word-level difference of two texts (longest common subsequence of words and spaces): the pieces of
 * `text` that are not in `other` are marked. Long texts (over 1 500 words) are shown unmarked.
 */
export function diffPieces(text: string, other: string): Piece[] {
  const a = text.split(/(\s+)/);
  const b = other.split(/(\s+)/);
  if (a.length * b.length > 2_250_000) return [{ text, changed: false }];
  const lcs: Uint16Array[] = Array.from({ length: a.length + 1 }, () => new Uint16Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: Piece[] = [];
  const push = (s: string, changed: boolean) => {
    const last = out[out.length - 1];
    if (last && last.changed === changed) last.text += s;
    else out.push({ text: s, changed });
  };
  let i = 0;
  let j = 0;
  while (i < a.length) {
    if (j < b.length && a[i] === b[j]) {
      push(a[i]!, false);
      i++;
      j++;
    } else if (j < b.length && lcs[i]![j + 1]! >= lcs[i + 1]![j]!) j++;
    else {
      // Whitespace alone is never "changed": only words are marked.
      push(a[i]!, /\S/.test(a[i]!));
      i++;
    }
  }
  return out;
}

/** A text with what differs from the other version highlighted (<mark>, announced as "highlighted"). */
export function DiffText({ text, other, testId }: { text: string | null; other: string | null; testId?: string }) {
  const pieces = diffPieces(text ?? '', other ?? '');
  return (
    <p style={{ whiteSpace: 'pre-wrap' }} data-testid={testId}>
      {pieces.map((p, i) => (p.changed ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </p>
  );
}
