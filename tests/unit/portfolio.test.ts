import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GROUP_STATUSES } from '../../shared/domain/groups';
import { chartGeometry, chartSvg } from '../../shared/portfolio/chart';
import {
  periodOverlaps,
  periodRange,
  actionFigures,
  attendanceRate,
  currentMemberCount,
  latestValue,
  measureFigures,
  meetingFigures,
  monthsBefore,
} from '../../shared/portfolio/figures';
import { allowedTransitions, checkTransition, LIFECYCLE_TRANSITIONS } from '../../shared/portfolio/lifecycle';
import { beginsWord, fold, foldSlow, matchesAll, searchTerms, snippetOf } from '../../shared/portfolio/search';

describe('priority lifecycle rules', () => {
  it('allow the path proposed → preparing → plan drafting → implementing → concluded', () => {
    const path = ['proposed', 'preparing', 'plan_drafting', 'implementing', 'concluded'] as const;
    for (let i = 1; i < path.length; i++) {
      expect(checkTransition({ from: path[i - 1]!, to: path[i]!, date: '2026-01-01' })).toBeNull();
    }
  });

  it('refuse skipping stages, leaving final states and transfers without a destination', () => {
    expect(checkTransition({ from: 'proposed', to: 'implementing', date: '2026-01-01' })).toEqual({
      key: 'portfolio.errors.illegalTransition',
      params: { from: 'proposed', to: 'implementing' },
    });
    expect(allowedTransitions('concluded')).toEqual([]);
    expect(allowedTransitions('transferred')).toEqual([]);
    expect(checkTransition({ from: 'implementing', to: 'transferred', date: '2026-01-01', transferredTo: '  ' })?.key).toBe(
      'portfolio.errors.transferNeedsTarget',
    );
    expect(checkTransition({ from: 'implementing', to: 'paused', date: '2025-01-01', currentDate: '2025-06-01' })?.key).toBe(
      'portfolio.errors.dateBeforeCurrent',
    );
  });

  it('never allow a status to move to itself, and every target is a known status', () => {
    fc.assert(
      fc.property(fc.constantFrom(...GROUP_STATUSES), fc.constantFrom(...GROUP_STATUSES), (from, to) => {
        const problem = checkTransition({ from, to, date: '2026-01-01', transferredTo: 'x' });
        expect(problem === null).toBe(from !== to && LIFECYCLE_TRANSITIONS[from].includes(to));
        for (const target of LIFECYCLE_TRANSITIONS[from]) expect(GROUP_STATUSES).toContain(target);
      }),
    );
  });
});

describe('portfolio figures', () => {
  it('attendance rate counts present and remote over every recorded status', () => {
    expect(attendanceRate(['present', 'present', 'absent', 'remote', 'excused', 'present'])).toBeCloseTo(4 / 6);
    expect(attendanceRate([])).toBeNull();
    expect(attendanceRate(['unknown'])).toBeNull();
  });

  it('attendance rate is always between 0 and 1', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('present', 'remote', 'excused', 'absent', 'other')), (statuses) => {
        const rate = attendanceRate(statuses);
        if (rate !== null) expect(rate).toBeGreaterThanOrEqual(0);
        if (rate !== null) expect(rate).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('counts meetings held in the last 12 months, the last held and the next planned meeting', () => {
    const meetings = [
      { date: '2025-06-15', status: 'held' },
      { date: '2025-06-16', status: 'held' },
      { date: '2026-06-15', status: 'held' },
      { date: '2026-05-01', status: 'cancelled' },
      { date: '2026-07-01', status: 'planned' },
      { date: '2026-06-20', status: 'planned' },
    ];
    expect(meetingFigures(meetings, '2026-06-15')).toEqual({
      meetingsLast12Months: 2,
      lastMeeting: '2026-06-15',
      nextMeeting: '2026-06-20',
    });
  });

  it('months before a date clamp to the end of a shorter month', () => {
    expect(monthsBefore('2026-03-31', 1)).toBe('2026-02-28');
    expect(monthsBefore('2024-02-29', 12)).toBe('2023-02-28');
    expect(monthsBefore('2026-01-15', 12)).toBe('2025-01-15');
  });

  it('group size counts distinct current members; actions and measures as the portfolio shows them', () => {
    expect(
      currentMemberCount(
        [
          { personId: 'a', fromDate: null, untilDate: null },
          { personId: 'a', fromDate: '2020-01-01', untilDate: null },
          { personId: 'b', fromDate: '2027-01-01', untilDate: null },
          { personId: 'c', fromDate: null, untilDate: '2026-01-01' },
        ],
        '2026-06-15',
      ),
    ).toBe(1);
    expect(
      actionFigures(
        [
          { status: 'open', dueDate: '2026-01-01' },
          { status: 'in_progress', dueDate: null },
          { status: 'done', dueDate: '2026-01-01' },
        ],
        '2026-06-15',
      ),
    ).toEqual({ openActions: 2, overdueActions: 1 });
    expect(measureFigures(['done', 'dropped', 'under_way'])).toEqual({ measuresDone: 1, measuresTotal: 2 });
    expect(
      latestValue([
        { period: '2025', value: 1 },
        { period: '2026-H1', value: 2 },
        { period: '2025-Q4', value: 3 },
      ])?.value,
    ).toBe(2);
  });
});

describe('indicator chart', () => {
  it('puts the points in period order inside the plot area with the target line', () => {
    const g = chartGeometry({
      values: [
        { period: '2026', value: 20 },
        { period: '2025', value: 10 },
      ],
      target: 40,
    });
    expect(g.points.map((p) => p.period)).toEqual(['2025', '2026']);
    expect(g.points[0]!.y).toBeGreaterThan(g.points[1]!.y);
    expect(g.targetY).not.toBeNull();
    expect(g.targetY!).toBeLessThan(g.points[1]!.y);
    expect(chartSvg({ values: [], target: null }, { target: 'Target' })).toMatch(/^<svg [^>]*>.*<\/svg>$/);
  });

  it('keeps every point inside the plot for any values', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ period: fc.stringMatching(/^20[0-9]{2}$/), value: fc.double({ min: -1e6, max: 1e6, noNaN: true }) }),
          { maxLength: 20 },
        ),
        fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true })),
        (values, target) => {
          const g = chartGeometry({ values, target });
          for (const p of g.points) {
            expect(p.y).toBeGreaterThanOrEqual(g.top - 1e-6);
            expect(p.y).toBeLessThanOrEqual(g.bottom + 1e-6);
          }
        },
      ),
    );
  });
});

describe('search query', () => {
  it('makes every word a quoted prefix term, cut to an indexed prefix length, so user text is never FTS syntax', () => {
    expect(searchTerms('kokou')).toEqual({ match: '"koko"*', words: ['kokou'], cut: true });
    expect(searchTerms('kokouksessa')?.match).toBe('"kokoukse"*');
    expect(searchTerms('Kokous "3/2026" OR x*')).toEqual({
      match: '"kokous"* "2026"* "or"*',
      words: ['kokous', '2026', 'or'],
      cut: false,
    });
    expect(searchTerms('  ')).toBeNull();
    expect(searchTerms('a b')).toBeNull();
    expect(searchTerms('Päätös')).toEqual({ match: '"paatos"*', words: ['paatos'], cut: false });
  });

  it('keeps only texts where every whole word begins a word, and cuts a snippet around the first match', () => {
    expect(matchesAll('Asiasta keskusteltiin kokouksessa.', ['kokou'])).toBe(true);
    expect(matchesAll('Kokonainen kuva', ['kokou'])).toBe(false);
    expect(matchesAll('Päätettiin jatkaa', ['paat', 'jat'])).toBe(true);
    const long =
      'yksi kaksi kolme neljä viisi kuusi seitsemän kahdeksan yhdeksän kymmenen kokouksessa sovittiin asiasta lisää myöhemmin';
    expect(snippetOf(long, ['kokou'])).toMatch(/^… .*kokouksessa sovittiin/);
  });

  it('matches exactly as splitting the folded text into words would (the rule before folding once per text)', () => {
    // The old definition: fold, split on anything that is not a letter or digit, test each word.
    const split = (text: string) => foldSlow(text).split(/[^\p{L}\p{N}]+/u);
    const reference = (text: string, words: string[]) => words.every((w) => split(text).some((t) => t.startsWith(w)));
    const piece = fc.constantFrom(
      'kokous',
      'Kokouksessa',
      'päätös',
      'PÄÄTETTIIN',
      'Ωmega',
      'ΟΔΟΣ',
      'İstanbul',
      '𝒜kko',
      'x𝒜ko',
      '2026',
      'a2026',
      'kokou',
      'ko',
      'e\u0301t',
      ' ',
      '-',
      '.',
      '/',
      '_',
      '\u00a0',
      '𝟘',
    );
    const text = fc.oneof(
      fc.array(piece, { maxLength: 12 }).map((p) => p.join('')),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
    );
    const query = fc.oneof(
      fc.array(piece, { minLength: 1, maxLength: 3 }).map((p) => p.join(' ')),
      fc.string({ unit: 'grapheme' }),
    );
    fc.assert(
      fc.property(text, query, (t, q) => {
        const terms = searchTerms(q);
        if (terms) expect(matchesAll(t, terms.words)).toBe(reference(t, terms.words));
      }),
      { numRuns: 3000 },
    );
  });

  it('folds Latin text a letter at a time exactly as normalising it does', () => {
    const latin = Array.from({ length: 0x250 }, (_, i) => String.fromCharCode(i));
    for (const c of latin) expect(fold(c)).toBe(foldSlow(c));
    for (const a of latin) for (const b of ['A', 'Ä', 'ß', 'İ', 'ǅ', 'ø', ' ']) expect(fold(a + b)).toBe(foldSlow(a + b));
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom(...latin), maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(fold(t)).toBe(foldSlow(t));
      }),
      { numRuns: 3000 },
    );
    expect(fold('PÄÄTÖS Åland')).toBe('paatos aland');
    expect(fold('ΟΔΟΣ e\u0301')).toBe(foldSlow('ΟΔΟΣ e\u0301'));
  });

  it('cuts the same snippet as folding the text a word at a time (the rule before folding Latin text once)', () => {
    const reference = (text: string, words: readonly string[], width = 12) => {
      const parts = text.replace(/\s+/g, ' ').trim().split(' ');
      const at = parts.findIndex((p) => words.some((w) => beginsWord(fold(p), w)));
      if (at < 0) return parts.slice(0, width).join(' ') + (parts.length > width ? ' …' : '');
      const start = Math.max(0, at - Math.floor(width / 3));
      const end = Math.min(parts.length, start + width);
      return `${start > 0 ? '… ' : ''}${parts.slice(start, end).join(' ')}${end < parts.length ? ' …' : ''}`;
    };
    const piece = fc.constantFrom(
      'valmius',
      'Valmiuden',
      'VALMIUSHARJOITUS',
      'päätös',
      'ǄAK',
      'ǆakk',
      'İstanbul',
      'ΟΔΟΣ',
      'e\u0301t',
      '𝒜kko',
      'a-valmius',
      '2026',
      ' ',
      '  ',
      '\u00a0',
      '\n',
      '\u2028',
      '.',
      'x',
    );
    const text = fc.oneof(
      fc.array(piece, { maxLength: 40 }).map((p) => p.join('')),
      fc.array(piece, { maxLength: 40 }).map((p) => p.join(' ')),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
    );
    const query = fc.oneof(
      fc.array(piece, { minLength: 1, maxLength: 3 }).map((p) => p.join(' ')),
      fc.constantFrom('valmius', 'valm', 'dzak', 'istan', 'οδος', 'et', 'akko'),
    );
    fc.assert(
      fc.property(text, query, fc.integer({ min: 1, max: 14 }), (t, q, width) => {
        const terms = searchTerms(q);
        if (terms) expect(snippetOf(t, terms.words, width)).toBe(reference(t, terms.words, width));
      }),
      { numRuns: 5000 },
    );
    expect(snippetOf('Ǆ valmius', ['valmius'])).toBe('Ǆ valmius');
  });

  it('never sends a term FTS5 would read as syntax', () => {
    fc.assert(
      fc.property(fc.string(), (input) => {
        const terms = searchTerms(input);
        if (terms) expect(terms.match).toMatch(/^("[^"]+"\* ?)+$/);
      }),
    );
  });
});

describe('indicator periods as calendar days (for a report of a period)', () => {
  it('covers a year, a half, a quarter and a month, leap days included', () => {
    expect(periodRange('2021')).toEqual({ from: '2021-01-01', to: '2021-12-31' });
    expect(periodRange('2022-H1')).toEqual({ from: '2022-01-01', to: '2022-06-30' });
    expect(periodRange('2021-H2')).toEqual({ from: '2021-07-01', to: '2021-12-31' });
    expect(periodRange('2020-Q2')).toEqual({ from: '2020-04-01', to: '2020-06-30' });
    expect(periodRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodRange('2023-02')).toEqual({ from: '2023-02-01', to: '2023-02-28' });
  });

  it('counts a period that lies partly in the report period', () => {
    expect(periodOverlaps('2022-H1', '2020-01-01', '2022-05-31')).toBe(true);
    expect(periodOverlaps('2019', '2020-01-01', '2022-05-31')).toBe(false);
    expect(periodOverlaps('2022-H2', '2020-01-01', '2022-05-31')).toBe(false);
    expect(periodOverlaps('2019-Q4', '2019-12-31', '2020-01-31')).toBe(true);
  });
});
