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

/** Setup only (the example data has no people): create a person through the same API the UI uses. */
async function createPerson(page: Page, name: string): Promise<string> {
  return page.evaluate(async (personName) => {
    const token = sessionStorage.getItem('painopiste.token') ?? '';
    const res = await fetch('/api/people.create', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: personName }),
    });
    const body = (await res.json()) as { ok: boolean; value: { id: string } };
    return body.value.id;
  }, name);
}

async function moveRound(page: Page, status: string) {
  await page.getByRole('button', { name: `Move to: ${status}`, exact: true }).click();
  await expect.poll(() => page.getByText(`The round is now “${status}”.`).first().isVisible()).toBe(true);
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
    for (const name of assessors) await createPerson(page, name);

    // A new semiannual round, proposed from the calendar.
    await page.getByRole('button', { name: 'New round' }).click();
    const newRound = page.getByRole('form', { name: 'New round' });
    await expect.poll(() => newRound.getByRole('textbox', { name: 'Label' }).inputValue()).toMatch(/^\d{4} H[12]$/);
    await expectAccessible(page, 'new round form', { nameStartsWithLabel: true });
    await newRound.getByRole('button', { name: 'Create the round' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: /^Scanning round / }).isVisible()).toBe(true);
    const roundUrl = page.url();
    await moveRound(page, 'open for proposals');

    // Three candidates through the form; the first with a proposed lead.
    for (const [i, title] of TITLES.entries()) {
      await page.getByRole('link', { name: 'Propose a new candidate' }).click();
      const form = page.getByRole('form', { name: 'New candidate' });
      await form.getByRole('textbox', { name: 'Title' }).fill(title);
      if (i === 0) {
        await form
          .getByRole('combobox', { name: 'Proposed lead' })
          .selectOption({ label: 'SM – Ministry of the Interior (Sisäministeriö)' });
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
    await moveRound(page, 'assessment');
    await expect.poll(() => page.getByText('Criteria are locked: assessment has opened.').isVisible()).toBe(true);

    // Each assessor scores blind.
    const acting = page.getByRole('region', { name: 'Who is working' });
    await acting.getByRole('combobox', { name: 'Role' }).selectOption('assessor');
    for (const [a, name] of assessors.entries()) {
      await acting.getByRole('combobox', { name: 'Acting as' }).selectOption({ label: name });
      const scoring = page.getByRole('region', { name: 'Assessment' });
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
      if (a === 0) await expectAccessible(page, 'scoring', { nameStartsWithLabel: true });
    }
    await acting.getByRole('combobox', { name: 'Role' }).selectOption('owner');
    await moveRound(page, 'consolidation');

    // Results, matrix, sensitivity, consensus.
    const results = page.getByRole('region', { name: 'Results' });
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

    const candidates = page.getByRole('region', { name: 'Candidates' });
    for (let i = 0; i < 3; i++) {
      await candidates
        .getByRole('button', { name: /^Shortlist / })
        .first()
        .click();
      await expect.poll(() => candidates.getByText('shortlisted', { exact: true }).count()).toBe(i + 1);
    }
    await moveRound(page, 'list submitted');

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
    const decisions = page.getByRole('region', { name: 'Decisions' });
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

    // The new priority group, in preparation, with its lead and its origin.
    await nav(page, 'Groups');
    await page.getByRole('link', { name: new RegExp(TITLES[0]!) }).click();
    await expect.poll(() => page.getByRole('region', { name: 'From scanning' }).isVisible()).toBe(true);
    await expect
      .poll(() => page.getByRole('region', { name: 'Organisations' }).getByRole('cell', { name: 'SM', exact: true }).isVisible())
      .toBe(true);

    // The next round receives the deferred candidate with its history.
    await nav(page, 'Scanning');
    await expect
      .poll(() => page.getByRole('region', { name: 'Rounds over time' }).getByRole('row').count())
      .toBe(roundsBefore + 1);
    await page.getByRole('button', { name: 'New round' }).click();
    await page.getByRole('form', { name: 'New round' }).getByRole('button', { name: 'Create the round' }).click();
    await expect.poll(() => page.url()).not.toBe(roundUrl);
    const next = page.getByRole('region', { name: 'Candidates' });
    await expect.poll(() => next.getByRole('cell', { name: new RegExp(TITLES[1]!) }).isVisible()).toBe(true);
    await expect.poll(() => next.getByText('deferred 1×').isVisible()).toBe(true);
    await next.getByRole('link', { name: /-01$/ }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Deferred from an earlier round' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('When the drone law is ready.').first().isVisible()).toBe(true);
    await expectAccessible(page, 'carried candidate', { nameStartsWithLabel: true });
    await app.stop();
  });
});
