import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/app/App';
import { changeLanguage } from '../../renderer/i18n';
import { useApp } from '../../renderer/store/app';
import { addCalendarDays, localDateOf } from '../../shared/rotation';
import type { TestBackend } from '../helpers/backend';
import { addMeeting, setUpGroup } from '../backend/rotation-helpers';
import { renderWithBackend } from './harness';

let t: TestBackend | undefined;
afterEach(async () => {
  t?.cleanup();
  await changeLanguage('en');
});

const today = () => localDateOf(new Date());

/** The chair column of the schedule table, row by row. */
function chairColumn(): string[] {
  const table = within(screen.getByRole('region', { name: 'Schedule for the next 24 months' })).getByRole('table');
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[2]!.textContent ?? '');
}

describe('rotation screens', () => {
  it('sets up a rotation (refusing an empty order), then swaps and overrides through keyboard-operable dialogs', async () => {
    useApp.setState({ route: { page: 'rotation', params: [] } });
    const r = await renderWithBackend(<App />, { example: false });
    t = r.t;
    const { groupId } = await setUpGroup(t.api);
    for (const days of [10, 40, 70])
      addMeeting(t.backend, groupId, addCalendarDays(today(), days), { title: `Network meeting ${days}` });
    useApp.getState().navigate({ page: 'rotation', params: [groupId] });
    const user = userEvent.setup();

    const form = await screen.findByRole('region', { name: 'Set up the rotating chair' });
    await user.click(within(form).getByRole('button', { name: 'Set up rotation' }));
    expect(await within(form).findByText(/A rotation needs at least one member/)).toBeInTheDocument();
    for (const name of ['SM – Ministry SM', 'TEM – Ministry TEM', 'STM – Ministry STM']) {
      await user.selectOptions(
        within(form).getByRole('combobox', { name: 'Member' }),
        within(form).getByRole('option', { name }),
      );
      await user.click(within(form).getByRole('button', { name: 'Add to the order' }));
    }
    // Reorder with the keyboard-operable buttons: STM up, then back down.
    await user.click(within(form).getByRole('button', { name: 'Move 3. STM – Ministry STM up' }));
    await user.click(within(form).getByRole('button', { name: 'Move 2. STM – Ministry STM down' }));
    await user.click(within(form).getByRole('button', { name: 'Set up rotation' }));

    await screen.findByRole('region', { name: 'Schedule for the next 24 months' });
    expect(chairColumn()).toEqual(['SM', 'TEM', 'STM']);
    expect(screen.getByText(/Handover on .*SM hands the chair to TEM/)).toBeInTheDocument();

    // Swap dialog: opens with focus inside, Escape closes and gives focus back.
    const swapButton = screen.getByRole('button', { name: /^Swap… Network meeting 10 / });
    await user.click(swapButton);
    let dialog = screen.getByRole('dialog', { name: 'Swap chairs' });
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(swapButton);

    await user.click(swapButton);
    dialog = screen.getByRole('dialog', { name: 'Swap chairs' });
    await user.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Swap with' }),
      within(dialog).getByRole('option', { name: /Network meeting 40/ }),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(chairColumn()).toEqual(['TEM', 'SM', 'STM']));
    const exceptions = screen.getByRole('region', { name: 'Overrides, swaps and skips' });
    expect(within(exceptions).getByText('Swapped')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /^Override chair… Network meeting 70/ }));
    dialog = screen.getByRole('dialog', { name: 'Override the chair' });
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByText('Fill in this field.')).toBeInTheDocument();
    await user.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Chair' }),
      within(dialog).getByRole('option', { name: /^TEM/ }),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(chairColumn()).toEqual(['TEM', 'SM', 'TEM']));

    // Deleting the swap restores both halves.
    await user.click(within(exceptions).getByRole('button', { name: /^Remove .* ↔ / }));
    await waitFor(() => expect(chairColumn()).toEqual(['SM', 'TEM', 'TEM']));
  });

  it('shows the next chairs and the upcoming handover on the group page', async () => {
    useApp.setState({ route: { page: 'groups', params: [] } });
    const r = await renderWithBackend(<App />, { example: false });
    t = r.t;
    const { orgs, groupId } = await setUpGroup(t.api);
    addMeeting(t.backend, groupId, addCalendarDays(today(), 3), { title: 'First' });
    addMeeting(t.backend, groupId, addCalendarDays(today(), 17), { title: 'Second' });
    await t.api.rotation.create({
      groupId,
      name: 'Chair',
      unit: 'organisations',
      mode: 'per_meeting',
      effectiveFrom: today(),
      members: [orgs.SM!, orgs.STM!],
    });
    useApp.getState().navigate({ page: 'groups', params: [groupId, 'chair'] });
    const panel = await screen.findByRole('region', { name: 'Rotating chair' });
    expect(within(panel).getByText(/SM hands the chair to STM/)).toBeInTheDocument();
    expect(within(panel).getByRole('link', { name: 'Prepare the handover file' })).toHaveAttribute(
      'href',
      `#/exchange/export/${groupId}`,
    );
    expect(within(panel).getByRole('link', { name: 'Open the schedule' })).toHaveAttribute('href', `#/rotation/${groupId}`);
    expect(
      within(panel)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([expect.stringMatching(/First.*SM$/), expect.stringMatching(/Second.*STM$/)]);
  });

  it('sets up terms, skips a term, records a member leaving, changes the order and the settings', async () => {
    useApp.setState({ route: { page: 'settings', params: [] } });
    const r = await renderWithBackend(<App />, { example: false });
    t = r.t;
    const { orgs, groupId } = await setUpGroup(t.api);
    useApp.getState().navigate({ page: 'rotation', params: [] });
    const user = userEvent.setup();
    // From the list: choose the group to set up.
    const setup = await screen.findByRole('region', { name: 'Set up a rotation' });
    await waitFor(() => expect(within(setup).getByRole('option', { name: 'Polarisation network' })).toBeInTheDocument());
    await user.selectOptions(within(setup).getByRole('combobox', { name: 'Group' }), groupId);
    await user.click(within(setup).getByRole('button', { name: 'Set up' }));

    const form = await screen.findByRole('region', { name: 'Set up the rotating chair' });
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Turn changes' }), 'term_months');
    const length = within(form).getByRole('textbox', { name: /^Term length/ });
    await user.clear(length);
    await user.type(length, '6');
    const anchor = within(form).getByRole('textbox', { name: /^First term starts/ });
    await user.clear(anchor);
    await user.type(anchor, today());
    for (const name of ['SM – Ministry SM', 'TEM – Ministry TEM', 'STM – Ministry STM']) {
      await user.selectOptions(
        within(form).getByRole('combobox', { name: 'Member' }),
        within(form).getByRole('option', { name }),
      );
      await user.click(within(form).getByRole('button', { name: 'Add to the order' }));
    }
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Starting member' }), '1');
    await user.click(within(form).getByRole('button', { name: 'Set up rotation' }));
    await screen.findByRole('region', { name: 'Schedule for the next 24 months' });
    expect(chairColumn()).toEqual(['TEM', 'STM', 'SM', 'TEM']);

    // Skip the second term: STM is passed over, SM takes it.
    await user.click(screen.getAllByRole('button', { name: /^Skip… Term/ })[1]!);
    let dialog = screen.getByRole('dialog', { name: 'Skip a turn' });
    expect(dialog).toHaveTextContent('STM is passed over');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(chairColumn()).toEqual(['TEM', 'SM', 'TEM', 'STM']));

    // A member leaves, succeeded by a named member.
    await user.click(screen.getByRole('button', { name: 'Member leaving…' }));
    dialog = screen.getByRole('dialog', { name: 'A member leaves the rotation' });
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Leaving member' }), orgs.TEM!);
    await user.click(within(dialog).getByRole('radio', { name: 'A named member takes their place' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByText('Choose who succeeds the leaving member.')).toBeInTheDocument();
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Successor' }), orgs.STM!);
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const departures = screen.getByRole('region', { name: 'Members leaving' });
    expect(within(departures).getByText(/TEM leaves from .*; STM takes their turns/)).toBeInTheDocument();

    // Settings: the cancelled rule is a group setting.
    await user.click(screen.getByRole('button', { name: 'Settings…' }));
    const settings = screen.getByRole('region', { name: 'Rotation settings' });
    await user.selectOptions(within(settings).getByRole('combobox', { name: 'When a meeting is cancelled' }), 'advance');
    await user.click(within(settings).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByText('The turn passes to the next member')).toBeInTheDocument());

    // Changing the order: an empty order is refused with the clear sentence.
    await user.click(screen.getByRole('button', { name: 'Change the order…' }));
    const edit = screen.getByRole('region', { name: 'Change the order' });
    while (within(edit).queryAllByRole('button', { name: /^Remove / }).length > 0) {
      await user.click(within(edit).getAllByRole('button', { name: /^Remove / })[0]!);
    }
    await user.click(within(edit).getByRole('button', { name: 'Save the new order' }));
    expect(within(edit).getByText(/A rotation needs at least one member/)).toBeInTheDocument();
  });
});
