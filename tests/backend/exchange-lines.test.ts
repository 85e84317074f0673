/**
 * The table reader decodes each entry piece by piece as the inflater hands it on and cuts the text
 * into lines (format.ts, `tableReader`). Whatever the pieces — a multi-byte character or a line cut
 * anywhere — both readers must give the rows that were written, and refuse bad bytes, an overlong
 * line and a cut-off last line.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { formatHlc } from '../../shared/hlc';
import { createRow, type Row } from '../../shared/exchange/merge';
import {
  buildExchangeFile,
  ExchangeError,
  MAX_LINE_CHARS,
  readExchangeFile,
  readExchangeFileAsync,
  type ExchangeFileInput,
} from '../../electron/backend/exchange/format';
import { packEntries, unpackEntries } from '../../electron/backend/exchange/zip';

const T0 = 1_760_000_000_000;
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
// Two-, three- and four-byte characters, a JSON escape, Finnish and Swedish letters.
const WORDS = ['Pöytäkirja', 'Åsa Öberg', 'tilannekuva ✓', 'rajavartiolaitos', '𝄞 nuotti', 'lainaus "x"', 'ÄÖÅ'];

function rows(n: number, width: number): Row[] {
  return Array.from({ length: n }, (_, i) => {
    let name = '';
    for (let w = i; name.length < width; w = (w * 7 + 3) % 9973) name += `${WORDS[w % WORDS.length]} ${w} `;
    return createRow(
      uuid(i + 1),
      { name, note: i % 3 === 0 ? null : `rivi ${i}` },
      formatHlc({ wall: T0 + i, counter: 0, replica: 'lines' }),
    );
  });
}

function input(people: Row[]): ExchangeFileInput {
  return {
    tables: { people },
    minReaderVersion: '0.1.0',
    schemaVersion: 3,
    scope: { kind: 'database' },
    exportId: '11111111-2222-4333-8444-555555555555',
    replicaId: 'replica-lines',
    exportedAt: '2026-12-03T10:00:00.000Z',
  };
}

/** The file with the people entry's bytes replaced (the manifest's size, hash and row count kept true). */
function withPeopleBytes(file: Uint8Array, data: Uint8Array, rowCount: number): Uint8Array {
  const entries = new Map(unpackEntries(file));
  entries.set('tables/people.ndjson', data);
  const manifest = JSON.parse(Buffer.from(entries.get('manifest.json')!).toString('utf8')) as {
    entries: Array<{ table: string; size: number; sha256: string; rows: number }>;
  };
  const e = manifest.entries.find((x) => x.table === 'people')!;
  e.size = data.length;
  e.sha256 = createHash('sha256').update(data).digest('hex');
  e.rows = rowCount;
  entries.set('manifest.json', Buffer.from(JSON.stringify(manifest)));
  return packEntries(entries);
}

const peopleText = (file: Uint8Array) => Buffer.from(unpackEntries(file).get('tables/people.ndjson')!);

async function outcomes(file: Uint8Array): Promise<Array<{ rows?: Row[]; error?: string }>> {
  const one = async (read: () => Promise<{ tables: Record<string, Row[]> }>) => {
    try {
      return { rows: (await read()).tables.people };
    } catch (err) {
      if (!(err instanceof ExchangeError)) throw err;
      return { error: `${err.key} ${String(err.params.problem ?? '')}`.trim() };
    }
  };
  return [await one(async () => readExchangeFile(file)), await one(() => readExchangeFileAsync(file))];
}

describe('the table reader', () => {
  it('gives back every row of a large entry of multi-byte text, whichever reader and pieces', async () => {
    // About 9 MB of text: inflated in pieces (the stream's ≤ 1 MiB, fflate's own), so characters and
    // lines are cut at piece boundaries many times.
    const people = rows(6000, 1500);
    const file = buildExchangeFile(input(people));
    expect(peopleText(file).length).toBeGreaterThan(8 * 1024 * 1024);
    for (const o of await outcomes(file)) {
      expect(o.error).toBeUndefined();
      expect(o.rows).toEqual(people);
    }
  }, 60_000);

  it('reads a row after a byte order mark at the start of the entry', async () => {
    const people = rows(3, 40);
    const file = buildExchangeFile(input(people));
    const text = peopleText(file);
    const withBom = withPeopleBytes(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text]), 3);
    for (const o of await outcomes(withBom)) expect(o.rows).toEqual(people);
  });

  const base = buildExchangeFile(input(rows(4, 60)));
  const text = peopleText(base);
  const firstNewline = text.indexOf(0x0a);
  const cases: Array<[string, Uint8Array, number, string]> = [
    // 0xff never occurs in UTF-8; 0xc3 0x28 is a lead byte without its continuation; ED A0 80 is a
    // surrogate encoded in UTF-8; C0 AF an overlong "/".
    ['a byte that is never UTF-8', Buffer.concat([text.subarray(0, 20), Buffer.from([0xff]), text.subarray(21)]), 4, 'encoding'],
    [
      'a lead byte without its continuation',
      Buffer.concat([text.subarray(0, 20), Buffer.from([0xc3, 0x28]), text.subarray(22)]),
      4,
      'encoding',
    ],
    [
      'a surrogate in UTF-8',
      Buffer.concat([text.subarray(0, 20), Buffer.from([0xed, 0xa0, 0x80]), text.subarray(23)]),
      4,
      'encoding',
    ],
    ['an overlong encoding', Buffer.concat([text.subarray(0, 20), Buffer.from([0xc0, 0xaf]), text.subarray(22)]), 4, 'encoding'],
    // The last line without its newline, cut in the middle of "ä" (C3 A4): bad bytes first.
    ['a last line cut inside a character', Buffer.concat([text, Buffer.from('{"id":"ä').subarray(0, 8)]), 5, 'encoding'],
    ['a last line without its newline', text.subarray(0, text.length - 1), 4, 'lastLine'],
    // A line still open past the limit is stopped there (the bound on memory, whatever follows).
    [
      'a line longer than any row',
      Buffer.concat([text.subarray(0, firstNewline + 1), Buffer.alloc(MAX_LINE_CHARS + 10, 0x61)]),
      2,
      'lineTooLong',
    ],
  ];
  it.each(cases)('refuses %s, both readers alike', async (_label, data, n, problem) => {
    const file = withPeopleBytes(base, data, n);
    const [sync, stream] = await outcomes(file);
    expect(sync).toEqual({ error: `exchange.invalidRow ${problem}` });
    expect(stream).toEqual(sync);
  });
});
