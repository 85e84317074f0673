import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/backend';
import { expectAccessible, launchBrowser, newPage, startApp } from './harness';

let browser: Browser;
const dirs: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

async function nav(page: Page, name: string) {
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
}

/** Setup only: a call through the same API the UI uses. */
async function call<T>(page: Page, method: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ([m, i]) => {
      const token = sessionStorage.getItem('painopiste.token') ?? '';
      const res = await fetch(`/api/${m}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(i),
      });
      const body = (await res.json()) as { ok: boolean; value: unknown };
      if (!body.ok) throw new Error(`${m} failed`);
      return body.value;
    },
    [method, input] as const,
  ) as Promise<T>;
}

/**
 * Three new people as members of the expert network, so they are its assessors (whoever else the example
 * data has as members counts too: the tests read the total from the page).
 */
async function createAssessor(page: Page, name: string): Promise<string> {
  const person = await call<{ id: string }>(page, 'people.create', { name });
  const [network] = await call<Array<{ id: string }>>(page, 'groups.list', { kind: 'expert_network' });
  await call(page, 'groups.addMember', { groupId: network!.id, personId: person.id, role: 'member' });
  return person.id;
}

async function moveRound(page: Page, status: string) {
  await page.getByRole('button', { name: `Move to: ${status}`, exact: true }).click();
  await expect.poll(() => page.getByText(`The round is now “${status}”.`).first().isVisible()).toBe(true);
}

/** The round page in a phase: the stepper marks it, the "now" card names it, and axe finds nothing. */
async function expectPhase(page: Page, phase: string) {
  const current = page.getByRole('list', { name: 'Phases of the round' }).locator('[aria-current="step"]');
  await expect.poll(() => current.locator('.phase-name').textContent()).toBe(phase);
  await expect.poll(() => page.getByRole('region', { name: `Now: ${phase}`, exact: true }).isVisible()).toBe(true);
  await expectAccessible(page, `round page, ${phase}`, { nameStartsWithLabel: true });
}

const panelToggle = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

/** Open (or close) every panel of the round page that is not already so, by its toggle. */
async function setAllPanels(page: Page, open: boolean) {
  const toggles = page.locator('button.round-panel-toggle');
  for (let i = 0; i < (await toggles.count()); i++) {
    const button = toggles.nth(i);
    if ((await button.getAttribute('aria-expanded')) !== String(open)) await button.click();
    await expect.poll(() => button.getAttribute('aria-expanded')).toBe(String(open));
  }
}

/** "2 of 5 have scored" → [2, 5]; the total depends on the network's members in the example data. */
async function scored(page: Page): Promise<[number, number]> {
  const text = (await region(page, 'Now: Assessment').locator('.round-progress-count').textContent()) ?? '';
  const m = /^(\d+) of (\d+) ha(?:s|ve) scored$/.exec(text);
  if (!m) throw new Error(`unexpected progress: ${text}`);
  return [Number(m[1]), Number(m[2])];
}

const TITLES = ['Loneliness of older people living at home', 'Drones and everyday security', 'Fire safety in student housing'];

describe('scanning round, end to end', () => {
  it('opens a round, takes three assessors’ scores, reaches consensus, exports the list and records decisions', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const app = await startApp(dataDir, ['--demo']);
    const page = await newPage(browser);
    await page.goto(app.url);
    await nav(page, 'Scanning');
    // The example has its own rounds: this test's rounds are counted on top of them.
    const roundsOverTime = page.getByRole('region', { name: 'Rounds over time' }).getByRole('row');
    await expect.poll(() => roundsOverTime.count()).toBeGreaterThan(1);
    const roundsBefore = await roundsOverTime.count();
    const assessors = ['Aino Assessor', 'Bertil Bedömare', 'Cecilia Scorer'];
    for (const name of assessors) await createAssessor(page, name);

    // A new semiannual round, proposed from the calendar.
    await page.getByRole('button', { name: 'New round' }).click();
    const newRound = page.getByRole('form', { name: 'New round' });
    await expect.poll(() => newRound.getByRole('textbox', { name: 'Label' }).inputValue()).toMatch(/^\d{4} H[12]$/);
    await expectAccessible(page, 'new round form', { nameStartsWithLabel: true });
    await newRound.getByRole('button', { name: 'Create the round' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: /^Scanning round / }).isVisible()).toBe(true);
    const roundUrl = page.url();
    // Planned: the timeline and the criteria are the work; the candidates wait, collapsed.
    await expectPhase(page, 'Planned');
    expect(await panelToggle(page, 'Timeline').getAttribute('aria-expanded')).toBe('true');
    expect(await panelToggle(page, 'Candidates').getAttribute('aria-expanded')).toBe('false');
    await moveRound(page, 'open for proposals');
    await expectPhase(page, 'Open for proposals');

    // Three candidates through the form; the first with a proposed lead.
    for (const [i, title] of TITLES.entries()) {
      await page.getByRole('link', { name: 'Propose a new candidate' }).click();
      const form = page.getByRole('form', { name: 'New candidate' });
      await form.getByRole('textbox', { name: 'Title' }).fill(title);
      if (i === 0) {
        await form.getByRole('combobox', { name: 'Proposed lead' }).selectOption({ label: 'MoI – Ministry of the Interior' });
        await form.getByRole('combobox', { name: "Lead's answer" }).selectOption('confirmed');
        await expectAccessible(page, 'candidate form', { nameStartsWithLabel: true });
      }
      await form.getByRole('button', { name: 'Submit the candidate' }).click();
      await expect
        .poll(() => page.getByRole('heading', { level: 1, name: new RegExp(`-0${i + 1} ${title}$`) }).isVisible())
        .toBe(true);
      await page.getByRole('link', { name: /^Back to round/ }).click();
    }
    await moveRound(page, 'screening');
    await expectPhase(page, 'Screening');
    await moveRound(page, 'assessment');
    await expectPhase(page, 'Assessment');
    // Criteria are not this phase's work: collapsed; opened from the keyboard they say they are locked.
    const criteriaToggle = panelToggle(page, 'Criteria');
    expect(await criteriaToggle.getAttribute('aria-expanded')).toBe('false');
    await criteriaToggle.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Criteria are locked: assessment has opened.').isVisible()).toBe(true);
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByText('Criteria are locked: assessment has opened.').isVisible()).toBe(false);
    // Every panel expanded, then every panel collapsed: both states are accessible.
    await setAllPanels(page, true);
    await expectAccessible(page, 'round page, assessment, every panel open', { nameStartsWithLabel: true });
    await setAllPanels(page, false);
    await expectAccessible(page, 'round page, assessment, every panel collapsed', { nameStartsWithLabel: true });
    await panelToggle(page, 'Who is working').click();
    await panelToggle(page, 'Assessment').click();

    // Each assessor scores blind; the "now" card counts them, never says who gave what.
    const [before, expected] = await scored(page);
    expect(before).toBe(0);
    expect(expected).toBeGreaterThanOrEqual(assessors.length);
    const acting = region(page, 'Who is working');
    await acting.getByRole('combobox', { name: 'Role' }).selectOption('assessor');
    for (const [a, name] of assessors.entries()) {
      await acting.getByRole('combobox', { name: 'Acting as' }).selectOption({ label: name });
      const scoring = region(page, 'Assessment');
      await expect.poll(() => scoring.getByText('you see only your own scores', { exact: false }).isVisible()).toBe(true);
      for (const [i, title] of TITLES.entries()) {
        const form = scoring.getByRole('form', { name: new RegExp(`${title}$`) });
        const selects = form.getByRole('combobox', { name: /^Score for/ });
        await expect.poll(() => selects.count()).toBe(5);
        // Blind: nothing of the earlier assessors is shown.
        expect(await selects.first().inputValue()).toBe('');
        for (let k = 0; k < 5; k++) await selects.nth(k).selectOption(String(Math.max(1, Math.min(5, 5 - i + ((a + k) % 2)))));
        await form.getByRole('button', { name: /^Save my scores for/ }).click();
        await expect
          .poll(() =>
            page
              .getByText(/^Your scores for .* were saved\.$/)
              .first()
              .isVisible(),
          )
          .toBe(true);
      }
      await expect.poll(() => scored(page)).toEqual([a + 1, expected]);
      if (a === 0) await expectAccessible(page, 'scoring', { nameStartsWithLabel: true });
    }
    await acting.getByRole('combobox', { name: 'Role' }).selectOption('owner');
    await moveRound(page, 'consolidation');
    await expectPhase(page, 'Consolidation');

    // Results, matrix, sensitivity, consensus: this phase's work, open and first.
    // The ranking (the panel also holds the matrix and the sensitivity table).
    const results = region(page, 'Results').getByRole('table', { name: 'Ranking of the assessed candidates' });
    await expect.poll(() => results.getByRole('row').count()).toBe(4);
    await expect.poll(() => page.getByRole('img', { name: /^Impact and feasibility:/ }).isVisible()).toBe(true);
    await expectAccessible(page, 'results', { nameStartsWithLabel: true });
    const consensus = page.getByRole('form', { name: 'Consensus' });
    const select = consensus.getByRole('combobox', { name: 'Candidate' });
    await select.selectOption((await select.locator('option', { hasText: TITLES[1]! }).getAttribute('value'))!);
    await consensus.getByRole('spinbutton', { name: 'Agreed score (1–5)' }).fill('4.8');
    await consensus.getByRole('textbox', { name: 'Rationale' }).fill('Urgent after the network meeting.');
    await consensus.getByRole('button', { name: 'Record the agreed score' }).click();
    await expect.poll(() => results.getByRole('cell', { name: '4.80' }).isVisible()).toBe(true);

    const candidates = region(page, 'Candidates');
    for (let i = 0; i < 2; i++) {
      await candidates
        .getByRole('button', { name: /^Shortlist / })
        .first()
        .click();
      await expect.poll(() => candidates.getByText('shortlisted', { exact: true }).count()).toBe(i + 1);
    }
    // Show: one state at a time, with counts; the address keeps the choice.
    const show = candidates.getByRole('combobox', { name: 'Show' });
    await expect.poll(() => show.locator('option').allTextContents()).toEqual(['All (3)', 'assessed (1)', 'shortlisted (2)']);
    await show.selectOption('assessed');
    await expect.poll(() => candidates.getByRole('row').count()).toBe(2);
    await expect.poll(() => page.url()).toMatch(/\/candidates\/assessed$/);
    await expectAccessible(page, 'round page, consolidation, candidates filtered', { nameStartsWithLabel: true });
    await candidates.getByRole('button', { name: /^Shortlist / }).click();
    await expect.poll(() => show.locator('option').allTextContents()).toEqual(['All (3)', 'assessed (0)', 'shortlisted (3)']);
    await expect.poll(() => candidates.getByText('0 of 3 candidates shown.').isVisible()).toBe(true);
    await show.selectOption('');
    await expect.poll(() => candidates.getByRole('row').count()).toBe(4);
    await moveRound(page, 'list submitted');
    await expectPhase(page, 'List submitted');

    // The candidate list for the cooperation group.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save as Word (DOCX)' }).click();
    expect((await download).suggestedFilename()).toMatch(/^candidate-list-\d{4}H[12]\.docx$/);
    const md = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Save as Markdown' }).click();
    const mdText = fs.readFileSync((await (await md).path())!, 'utf8');
    expect(mdText).toContain(TITLES[0]);
    expect(mdText).toContain('Urgent after the network meeting.');

    // Decisions: approve, defer, fold.
    const decisions = region(page, 'Decisions');
    const approve = decisions.getByRole('form', { name: new RegExp(`${TITLES[0]}$`) });
    await approve.getByRole('combobox', { name: 'Decision' }).selectOption('approved');
    await approve.getByRole('button', { name: /^Record the decision/ }).click();
    await expect.poll(() => decisions.getByRole('form').count()).toBe(2);
    const defer = decisions.getByRole('form', { name: new RegExp(`${TITLES[1]}$`) });
    await defer.getByRole('combobox', { name: 'Decision' }).selectOption('deferred');
    await defer.getByRole('textbox', { name: 'Conditions for reconsideration' }).fill('When the drone law is ready.');
    await defer.getByRole('button', { name: /^Record the decision/ }).click();
    await expect.poll(() => decisions.getByRole('form').count()).toBe(1);
    const fold = decisions.getByRole('form', { name: new RegExp(`${TITLES[2]}$`) });
    await fold.getByRole('combobox', { name: 'Decision' }).selectOption('folded');
    await fold.getByRole('button', { name: /^Record the decision/ }).click();
    await expect.poll(() => fold.getByText('Fill in this field.').first().isVisible()).toBe(true);
    await fold.getByRole('combobox', { name: 'Existing priority group' }).selectOption({ index: 5 });
    await fold.getByRole('textbox', { name: 'Reason' }).fill('Priority 5 already covers housing safety.');
    await fold.getByRole('button', { name: /^Record the decision/ }).click();
    await expect.poll(() => decisions.getByRole('form').count()).toBe(0);
    await expectAccessible(page, 'decisions', { nameStartsWithLabel: true });
    await moveRound(page, 'decided');
    await expectPhase(page, 'Decided');
    await moveRound(page, 'closed');
    await expectPhase(page, 'Closed');
    const stepper = page.getByRole('list', { name: 'Phases of the round' });
    await expect.poll(() => stepper.getByText(', done').count()).toBe(7);

    // The new priority group, in preparation, with its lead and its origin.
    await nav(page, 'Groups');
    await page.getByRole('link', { name: new RegExp(TITLES[0]!) }).click();
    await page.getByRole('link', { name: 'Plan and status' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'From scanning' }).isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Who takes part' }).click();
    await expect
      .poll(() => page.getByRole('region', { name: 'Organisations' }).getByRole('cell', { name: 'MoI', exact: true }).isVisible())
      .toBe(true);

    // The next round receives the deferred candidate with its history.
    await nav(page, 'Scanning');
    await expect
      .poll(() => page.getByRole('region', { name: 'Rounds over time' }).getByRole('row').count())
      .toBe(roundsBefore + 1);
    await page.getByRole('button', { name: 'New round' }).click();
    await page.getByRole('form', { name: 'New round' }).getByRole('button', { name: 'Create the round' }).click();
    await expect.poll(() => page.url()).not.toBe(roundUrl);
    await expectPhase(page, 'Planned');
    // A planned round's candidates are collapsed: open them.
    await panelToggle(page, 'Candidates').click();
    const next = region(page, 'Candidates');
    await expect.poll(() => next.getByRole('cell', { name: new RegExp(TITLES[1]!) }).isVisible()).toBe(true);
    await expect.poll(() => next.getByText('deferred 1×').isVisible()).toBe(true);
    await next.getByRole('link', { name: /-01$/ }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Deferred from an earlier round' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('When the drone law is ready.').first().isVisible()).toBe(true);
    await expectAccessible(page, 'carried candidate', { nameStartsWithLabel: true });
    await app.stop();
  });
});
