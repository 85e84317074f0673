import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../shared/contract';

/**
 * Every capability the API offers has a screen: each mutating contract method must be called from
 * renderer code. A method is "mutating" when its name (after the dot) starts with a verb that changes
 * data; reads (list, get, view, document, export, preview…) are not checked here.
 */
const MUTATING =
  /^(create|update|archive|restore|set|add|remove|move|save|run|send|approve|reopen|choose|change|link|start|close|record|edit|propose|merge|decide|import|resolve|backupNow|restoreBackup)/;

/**
 * Deliberately API-only, with the reason. Keep this short: anything a user would do belongs on a screen.
 * - host.*: the desktop host's file dialogs and printing, called by renderer/ui/files.ts by name
 *   through the host bridge, not data changes of ours.
 */
const API_ONLY: Record<string, string> = {};

const ROOT = path.resolve(__dirname, '../../renderer');

function rendererSource(): string {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx)$/.test(entry.name)) out.push(fs.readFileSync(full, 'utf8'));
    }
  };
  walk(ROOT);
  // Calls are often split over lines (`api.meetings\n  .removeAgendaItem(...)`): read without whitespace.
  return out.join('\n').replace(/\s+/g, '');
}

/**
 * A call `x.ns.method(` on the typed client (`api.meetings.update(`, or a wrapper's `a.exchange.backupNow(`),
 * or `api[area].method(` where the file names `'ns'` as one of the areas.
 */
function isCalled(source: string, method: string): boolean {
  const [ns, name] = method.split('.') as [string, string];
  if (new RegExp(`\\w\\.${ns}\\.${name}\\(`).test(source)) return true;
  const dynamic = new RegExp(`api\\[\\w+\\]\\.${name}\\(`);
  return dynamic.test(source) && source.includes(`'${ns}'`);
}

describe('contract coverage', () => {
  const source = rendererSource();
  const mutating = METHOD_NAMES.filter((m) => !m.startsWith('host.') && MUTATING.test(m.split('.')[1]!));

  it('finds the mutating methods (the verb list still matches the contract)', () => {
    expect(mutating.length).toBeGreaterThan(60);
    expect(mutating).toContain('meetings.updateAction');
    expect(mutating).not.toContain('meetings.list');
    // The detector: calls count, a translation key of the same spelling does not.
    expect(isCalled('api.meetings.updateAction({id})', 'meetings.updateAction')).toBe(true);
    expect(isCalled('long.run((a)=>a.exchange.backupNow({}))', 'exchange.backupNow')).toBe(true);
    expect(isCalled("t('exchange.backupNow')", 'exchange.backupNow')).toBe(false);
    expect(isCalled("api[area].restore({id});type A='people'", 'people.restore')).toBe(true);
    expect(isCalled("api[area].restore({id});type A='people'", 'groups.restore')).toBe(false);
  });

  it('every mutating contract method is called by some screen', () => {
    const missing = mutating.filter((m) => !(m in API_ONLY) && !isCalled(source, m));
    expect(missing, 'mutating methods no screen calls (give each a screen, or a reason in API_ONLY)').toEqual([]);
  });

  it('the allow-list names only real methods, each with a reason', () => {
    for (const [m, why] of Object.entries(API_ONLY)) {
      expect(METHOD_NAMES as readonly string[]).toContain(m);
      expect(why.length).toBeGreaterThan(10);
    }
  });
});
