import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/app/App';
import { changeLanguage } from '../../renderer/i18n';
import { routeFromHash, useApp } from '../../renderer/store/app';
import type { TestBackend } from '../helpers/backend';
import { renderWithBackend } from './harness';

let t: TestBackend | undefined;
afterEach(async () => {
  t?.cleanup();
  await changeLanguage('en');
});

const priority = async (tb: TestBackend, n: number) => (await tb.api.groups.list({})).find((g) => g.priorityNumber === n)!;

describe('portfolio on a group page', () => {
  it('changes the lifecycle status with a note and adds a measure with an organisation commitment', async () => {
    const r = await renderWithBackend(<App />, { example: true });
    t = r.t;
    const p2 = await priority(t, 2);
    t.backend.ctx.store.insert('action_items', { groupId: p2.id, title: 'Kutsu koulutukseen', status: 'open' });
    useApp.setState({ route: { page: 'groups', params: [p2.id, 'plan'] } });
    const user = userEvent.setup();

    const lifecycle = await screen.findByRole('region', { name: 'Lifecycle' });
    expect(
      await within(lifecycle).findByText(
        'Suunnitelma valmistui loppukeväällä 2021; selvityshanke, 200 000 euron tutkimus ja koulutukset käynnissä.',
        {
          exact: false,
        },
      ),
    ).toBeInTheDocument();
    const statusForm = within(lifecycle).getByRole('form', { name: 'Change status' });
    // Only the moves the lifecycle allows are offered.
    const options = within(within(statusForm).getByRole('combobox', { name: 'New status' }))
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).not.toContain('Proposed');
    await user.selectOptions(within(statusForm).getByRole('combobox', { name: 'New status' }), 'paused');
    await user.clear(within(statusForm).getByRole('textbox', { name: /^Date/ }));
    await user.type(within(statusForm).getByRole('textbox', { name: /^Date/ }), '2026-01-10');
    await user.type(within(statusForm).getByRole('textbox', { name: /^Note/ }), 'Odotetaan rahoitusta.');
    await user.click(within(statusForm).getByRole('button', { name: 'Change status' }));
    expect(await within(lifecycle).findByText('— Odotetaan rahoitusta.', { exact: false })).toBeInTheDocument();

    const plan = screen.getByRole('region', { name: 'Priority plan' });
    const measureForm = within(plan).getByRole('form', { name: 'Add measure' });
    await user.click(within(measureForm).getByRole('button', { name: 'Add measure' }));
    expect(await within(measureForm).findByText('Fill in this field.')).toBeInTheDocument();
    await user.type(within(measureForm).getByRole('textbox', { name: 'Measure' }), 'Koulutuskierros');
    await user.click(within(measureForm).getByRole('button', { name: 'Add measure' }));
    const card = await within(plan).findByRole('article', { name: 'Koulutuskierros' });
    const commitment = within(card).getByRole('form', { name: 'Save commitment: Koulutuskierros' });
    await user.selectOptions(
      within(commitment).getByRole('combobox', { name: 'Organisation' }),
      within(commitment).getByRole('option', { name: /^MoI – / }),
    );
    await user.click(within(commitment).getByRole('button', { name: 'Save commitment' }));
    expect(await within(commitment).findByText('Fill in this field.')).toBeInTheDocument(); // a decided commitment needs its date
    await user.type(within(commitment).getByRole('textbox', { name: /^Decision date/ }), '2026-02-01');
    await user.type(within(commitment).getByRole('textbox', { name: /^Decision reference/ }), 'SM/2026/7');
    await user.click(within(commitment).getByRole('button', { name: 'Save commitment' }));
    expect(await within(card).findByRole('cell', { name: 'SM/2026/7' })).toBeInTheDocument();

    // Link an action item to the measure, then unlink it.
    const link = within(card).getByRole('form', { name: 'Link to the measure: Koulutuskierros' });
    await user.selectOptions(
      within(link).getByRole('combobox', { name: 'Action item or decision' }),
      within(link).getByRole('option', { name: 'Action item: Kutsu koulutukseen' }),
    );
    await user.click(within(link).getByRole('button', { name: 'Link to the measure' }));
    await user.click(await within(card).findByRole('button', { name: 'Unlink Kutsu koulutukseen' }));
    await waitFor(() => expect(within(card).queryByText('Linked action items and decisions')).not.toBeInTheDocument());
  });

  it('adds an indicator with values per period and draws its chart against the target', async () => {
    const r = await renderWithBackend(<App />, { example: true });
    t = r.t;
    const p3 = await priority(t, 3);
    useApp.setState({ route: { page: 'groups', params: [p3.id, 'plan'] } });
    const user = userEvent.setup();
    const indicators = await screen.findByRole('region', { name: 'Indicators' });
    const newIndicator = within(indicators).getByRole('form', { name: 'Add indicator' });
    await user.type(within(newIndicator).getByRole('textbox', { name: 'Indicator' }), 'Koulutetut');
    await user.selectOptions(within(newIndicator).getByRole('combobox', { name: 'Kind' }), 'outcome');
    await user.type(within(newIndicator).getByRole('textbox', { name: /^Target/ }), '100');
    await user.click(within(newIndicator).getByRole('button', { name: 'Add indicator' }));
    const indicatorCard = await within(indicators).findByRole('article', { name: 'Koulutetut' });
    for (const [period, value] of [
      ['2025', '40'],
      ['2026-H1', '70'],
    ] as const) {
      const form = within(indicatorCard).getByRole('form', { name: 'Save value: Koulutetut' });
      await user.type(within(form).getByRole('textbox', { name: /^Period/ }), period);
      await user.type(within(form).getByRole('textbox', { name: 'Value' }), value);
      await user.click(within(form).getByRole('button', { name: 'Save value' }));
      await within(indicatorCard).findByRole('cell', { name: period });
    }
    expect(within(indicatorCard).getByRole('img', { name: 'Koulutetut: 2025: 40, 2026-H1: 70; target 100' })).toBeInTheDocument();
  });
});

describe('home, portfolio and search', () => {
  it('opens on Home, and the portfolio lists the nine priorities with a link to each group', async () => {
    expect(routeFromHash('')).toEqual({ page: 'home', params: [] });
    useApp.setState({ route: routeFromHash('') });
    const r = await renderWithBackend(<App />, { example: true });
    t = r.t;
    expect(await screen.findByRole('heading', { level: 1, name: 'Today' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Who am I' })).toBeInTheDocument();
    // The living example has meetings in the coming weeks, relative to today.
    expect(within(screen.getByRole('region', { name: 'Upcoming meetings' })).getAllByRole('listitem').length).toBeGreaterThan(0);

    useApp.setState({ route: { page: 'reports', params: [] } });
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(10);
    expect(screen.getByText('0 of 9 priorities measure impact', { exact: false })).toBeInTheDocument();
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Filter priorities' }), 'cyber');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    await user.click(within(table).getByRole('link', { name: '9. Cybercrime as a threat to everyday security' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: '9. Cybercrime as a threat to everyday security' }),
    ).toBeInTheDocument();
  });

  it('searches everything with Ctrl+K and opens a result with the keyboard', async () => {
    useApp.setState({ route: { page: 'home', params: [] } });
    const r = await renderWithBackend(<App />, { example: true });
    t = r.t;
    const user = userEvent.setup();
    await screen.findByRole('heading', { level: 1, name: 'Today' });
    await user.keyboard('{Control>}k{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'Search everything' });
    const input = within(dialog).getByRole('combobox');
    expect(input).toHaveFocus();
    await user.type(input, 'polar');
    const option = await within(dialog).findByRole('option', { name: /^Polarisation, conflict resolution and harassment/ });
    expect(option).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Enter}');
    expect(
      await screen.findByRole('heading', { level: 1, name: '7. Polarisation, conflict resolution and harassment' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
