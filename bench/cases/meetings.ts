/** Meetings: agenda, action-item list with filters, decisions register, and a minutes document. */
import { renderDocument, type Block, type Doc } from '../../electron/backend/documents';
import { defineCase, notLanded, type BenchCase, type ScaleEnv } from '../harness';
import { queryCase } from './foundation';

const meetingOf = (env: ScaleEnv) => {
  const ms = env.generated.ids.firstGroupMeetings;
  return ms[Math.floor(ms.length / 2)]!;
};

/** A minutes document the size of a long meeting: 20 agenda items with minutes, decisions and actions. */
function minutesDoc(): Doc {
  const blocks: Block[] = [];
  for (let i = 1; i <= 20; i++) {
    blocks.push({ kind: 'heading', level: 1, text: `${i}. Asiakohta ${i}` });
    blocks.push({
      kind: 'paragraph',
      text: 'Keskusteltiin arjen turvallisuuden tilannekuvasta ja alueellisesta yhteistyöstä. '.repeat(6),
    });
    blocks.push({ kind: 'callout', label: 'Päätös', text: `Päätettiin hyväksyä ehdotus ${i}.` });
    blocks.push({
      kind: 'table',
      header: ['Tehtävä', 'Vastuu', 'Määräaika'],
      rows: [
        ['Valmistella selvitys', 'SM', '30.4.2026'],
        ['Kutsua asiantuntijat', 'OM', '15.5.2026'],
      ],
    });
  }
  blocks.push({
    kind: 'signatures',
    placeAndDate: 'Helsinki 12.3.2026',
    signers: [
      { role: 'Puheenjohtaja', name: 'Henkilö 1' },
      { role: 'Sihteeri', name: 'Henkilö 2' },
    ],
  });
  return {
    title: 'Pöytäkirja',
    lang: 'fi',
    meta: [
      { label: 'Aika', value: '12.3.2026 klo 9.00–11.00' },
      { label: 'Paikka', value: 'Kirkkokatu 12, Helsinki' },
    ],
    blocks,
  };
}

export const meetingsCases: BenchCase[] = [
  queryCase(
    'meetings',
    'meetings.get (agenda of one meeting)',
    'meetings.get',
    (env) => ({ id: meetingOf(env) }),
    notLanded(['meetings.get']),
  ),
  queryCase(
    'meetings',
    'meetings.list (one group)',
    'meetings.list',
    (env) => ({ groupId: env.generated.ids.groups[0] }),
    notLanded(['meetings.list']),
  ),
  queryCase(
    'meetings',
    'meetings.list (all, upcoming)',
    'meetings.list',
    () => ({ status: 'planned', from: '2026-11-28', to: '2027-02-28' }),
    notLanded(['meetings.list']),
  ),
  queryCase(
    'meetings',
    'meetings.listActions (all, first page)',
    'meetings.listActions',
    () => ({}),
    notLanded(['meetings.listActions']),
  ),
  queryCase(
    'meetings',
    'meetings.listActions (open, overdue)',
    'meetings.listActions',
    () => ({ status: 'active', overdue: true }),
    notLanded(['meetings.listActions']),
  ),
  queryCase(
    'meetings',
    'meetings.listActions (one group, by owner)',
    'meetings.listActions',
    (env) => ({ groupId: env.generated.ids.busyGroup, sort: 'owner' }),
    notLanded(['meetings.listActions']),
  ),
  queryCase(
    'meetings',
    'meetings.listActions (text query)',
    'meetings.listActions',
    () => ({ query: 'valmius' }),
    notLanded(['meetings.listActions']),
  ),
  queryCase(
    'meetings',
    'meetings.listActions (one person)',
    'meetings.listActions',
    (env) => ({ ownerPersonId: env.generated.ids.people[3] }),
    notLanded(['meetings.listActions']),
  ),
  queryCase(
    'meetings',
    'meetings.decisions (register of one group)',
    'meetings.decisions',
    (env) => ({ groupId: env.generated.ids.busyGroup }),
    notLanded(['meetings.decisions']),
  ),
  defineCase<Doc>({
    name: 'renderDocument minutes docx (20 items)',
    area: 'meetings',
    scales: ['W'],
    kind: 'compute',
    target: { max: 200, label: '< 200 ms' },
    runs: 10,
    warmup: 2,
    setup: minutesDoc,
    run: async (_env, doc) => {
      const file = await renderDocument(doc, 'docx');
      return { extra: { KB: Math.round(file.bytes.length / 1024) } };
    },
  }),
  queryCase(
    'meetings',
    'meetings.document minutes docx (contract)',
    'meetings.document',
    (env) => ({ id: meetingOf(env), kind: 'minutes', format: 'docx', lang: 'fi' }),
    notLanded(['meetings.document']),
    { max: 200, label: '< 200 ms (a document, not a query)' },
  ),
];
