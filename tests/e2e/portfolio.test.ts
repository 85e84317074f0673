import fs from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
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

const P2 = '2. Security capital of children and young people at risk of exclusion';

describe('priority portfolio, end to end', () => {
  it('adds a measure with a commitment and indicator values, sees the chart and the portfolio change, runs a term review and exports the report', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const app = await startApp(dataDir, ['--demo']);
    const page = await newPage(browser);
    await page.goto(app.url);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Today' }).isVisible()).toBe(true);
    await expectAccessible(page, 'home');

    // Search with the keyboard: Ctrl+K, type a prefix, Enter opens the group.
    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog', { name: 'Search everything' });
    await dialog.getByRole('combobox').fill('syrjäytymis');
    await dialog.getByRole('combobox').fill('exclus');
    await expect.poll(() => dialog.getByRole('option', { name: /^Security capital of children/ }).isVisible()).toBe(true);
    await expectAccessible(page, 'search dialog');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 1, name: P2 }).isVisible()).toBe(true);

    // The group opens on its meetings; its plan is a part of its own.
    await page.getByRole('link', { name: 'Plan and status' }).click();
    // Measure with an organisation commitment.
    const plan = page.getByRole('region', { name: 'Priority plan' });
    const measureForm = plan.getByRole('form', { name: 'Add measure' });
    await measureForm.getByRole('textbox', { name: 'Measure', exact: true }).fill('Research on security capital');
    await measureForm
      .getByRole('combobox', { name: 'Responsible organisation' })
      .selectOption({ label: 'MoEC – Ministry of Education and Culture' });
    await measureForm.getByRole('combobox', { name: 'Status' }).selectOption('under_way');
    await measureForm.getByRole('button', { name: 'Add measure' }).click();
    const card = plan.getByRole('article', { name: 'Research on security capital' });
    await expect.poll(() => card.isVisible()).toBe(true);
    const commitment = card.getByRole('form', { name: 'Save commitment: Research on security capital' });
    await commitment
      .getByRole('combobox', { name: 'Organisation' })
      .selectOption({ label: 'MSAH – Ministry of Social Affairs and Health' });
    await commitment.getByRole('textbox', { name: /^Decision date/ }).fill('2026-02-01');
    await commitment.getByRole('textbox', { name: /^Decision reference/ }).fill('STM/2026/15');
    await commitment.getByRole('button', { name: 'Save commitment' }).click();
    await expect.poll(() => card.getByRole('cell', { name: 'STM/2026/15' }).isVisible()).toBe(true);

    // Indicator with values per period; the chart appears.
    const indicators = page.getByRole('region', { name: 'Indicators' });
    const newIndicator = indicators.getByRole('form', { name: 'Add indicator' });
    await newIndicator.getByRole('textbox', { name: 'Indicator', exact: true }).fill('Trained professionals');
    await newIndicator.getByRole('combobox', { name: 'Kind' }).selectOption('outcome');
    await newIndicator.getByRole('textbox', { name: /^Target/ }).fill('500');
    await newIndicator.getByRole('button', { name: 'Add indicator' }).click();
    const indicator = indicators.getByRole('article', { name: 'Trained professionals' });
    await expect.poll(() => indicator.isVisible()).toBe(true);
    for (const [period, value] of [
      ['2025', '120'],
      ['2026-H1', '260'],
    ] as const) {
      const form = indicator.getByRole('form', { name: 'Save value: Trained professionals' });
      await form.getByRole('textbox', { name: /^Period/ }).fill(period);
      await form.getByRole('textbox', { name: 'Value', exact: true }).fill(value);
      await form.getByRole('button', { name: 'Save value' }).click();
      await expect.poll(() => indicator.getByRole('cell', { name: period, exact: true }).isVisible()).toBe(true);
    }
    await expect
      .poll(() => indicator.getByRole('img', { name: 'Trained professionals: 2025: 120, 2026-H1: 260; target 500' }).isVisible())
      .toBe(true);
    await expectAccessible(page, 'group page with plan and indicators');

    // The portfolio row changes.
    await nav(page, 'Reports');
    await expect.poll(() => page.getByText('1 of 9 priorities measure impact', { exact: false }).isVisible()).toBe(true);
    const row = page.getByRole('row', { name: new RegExp(P2.replace(/[.]/g, '\\.')) });
    await expect.poll(() => row.getByRole('cell', { name: '0/5' }).isVisible()).toBe(true);
    await expect.poll(() => row.getByText('Trained professionals: 260').isVisible()).toBe(true);
    await expectAccessible(page, 'portfolio');

    // Export the report (DOCX, Markdown) for a chosen period.
    const exportForm = page.getByRole('form', { name: 'Export the interim progress report' });
    await exportForm.getByRole('combobox', { name: 'Format' }).selectOption('docx');
    await exportForm.getByRole('textbox', { name: /^From/ }).fill('2019-01-01');
    await exportForm.getByRole('textbox', { name: /^To/ }).fill('2099-12-31'); // past the day the measure above is recorded (it has no start date)
    const [docx] = await Promise.all([
      page.waitForEvent('download'),
      exportForm.getByRole('button', { name: 'Export report' }).click(),
    ]);
    expect(docx.suggestedFilename()).toMatch(/^Interim progress report.*\.docx$/);
    const xml = strFromU8(unzipSync(new Uint8Array(fs.readFileSync((await docx.path())!)))['word/document.xml']!);
    expect(xml).toContain('Research on security capital');
    expect(xml).toContain('STM/2026/15');
    await exportForm.getByRole('combobox', { name: 'Language' }).selectOption('fi');
    await exportForm.getByRole('combobox', { name: 'Format' }).selectOption('md');
    const [md] = await Promise.all([
      page.waitForEvent('download'),
      exportForm.getByRole('button', { name: 'Export report' }).click(),
    ]);
    const text = fs.readFileSync((await md.path())!, 'utf8');
    expect(text).toContain('Väliraportti');
    expect(text).toContain('Vastuutaho');

    // Government-term review: every active priority gets a decision; the review is kept, dated and closed.
    await page.getByRole('link', { name: 'Government-term review' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Government-term review' }).isVisible()).toBe(true);
    const start = page.getByRole('form', { name: 'Start a review' });
    await start.getByRole('textbox', { name: 'Name of the review' }).fill('Government term 2027–2031');
    await start.getByRole('textbox', { name: /^Date/ }).fill('2027-06-20');
    await start.getByRole('button', { name: 'Start a review' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Government term 2027–2031' }).isVisible()).toBe(true);
    await expectAccessible(page, 'review session');
    const forms = page.getByRole('form', { name: /^Record decision: / });
    await expect.poll(() => forms.count()).toBe(8);
    for (let i = 0; i < 8; i++) {
      const form = forms.nth(i);
      await form.getByRole('combobox', { name: 'Decision' }).selectOption(i === 0 ? 'change' : 'continue');
      await form.getByRole('textbox', { name: /^Rationale/ }).fill(`Rationale ${i + 1}`);
      await form.getByRole('button', { name: 'Record decision' }).click();
      await expect.poll(() => page.getByText(`${i + 1} of 8 priorities decided`).isVisible()).toBe(true);
    }
    await page.getByRole('button', { name: 'Close the review' }).click();
    await expect.poll(() => page.getByText('Closed ·', { exact: false }).isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Reviews' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Government term 2027–2031' }).isVisible()).toBe(true);
    await app.stop();
  });
});
