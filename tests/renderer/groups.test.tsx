import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/app/App';
import { changeLanguage } from '../../renderer/i18n';
import { useApp } from '../../renderer/store/app';
import type { TestBackend } from '../helpers/backend';
import { renderWithBackend } from './harness';

let t: TestBackend | undefined;
afterEach(async () => {
  t?.cleanup();
  await changeLanguage('en');
});

describe('groups in the app shell', () => {
  it('lists the example priorities and opens a group with its organisations', async () => {
    useApp.setState({ route: { page: 'groups', params: [] } });
    const r = await renderWithBackend(<App />, { example: true });
    t = r.t;
    const user = userEvent.setup();
    const link = await screen.findByRole('link', { name: '7. Polarisation, conflict resolution and harassment' });
    await user.click(link);
    expect(
      await screen.findByRole('heading', { level: 1, name: '7. Polarisation, conflict resolution and harassment' }),
    ).toBeInTheDocument();
    // The group opens on its meetings; its organisations and members are a part of their own, with an address.
    expect(screen.getByRole('link', { name: 'Meeting calendar', current: 'page' })).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Who takes part' }));
    expect(useApp.getState().route.params[1]).toBe('members');
    const orgs = await screen.findByRole('region', { name: 'Organisations' });
    expect(within(orgs).getAllByRole('row')).toHaveLength(13); // header + SM lead + 11 participants
  });

  it('creates a group, adds an organisation and a member', async () => {
    useApp.setState({ route: { page: 'groups', params: [] } });
    const r = await renderWithBackend(<App />, { example: false });
    t = r.t;
    const om = await t.api.organisations.create({ abbreviation: 'OM', name: 'Ministry of Justice', kind: 'ministry' });
    await t.api.people.create({ name: 'Oona Convener', organisationId: om.id });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New group' }));
    const form = screen.getByRole('region', { name: 'New group' });
    await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Organised crime');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Kind' }), 'priority_group');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Organised crime' })).toBeInTheDocument();

    const orgs = screen.getByRole('region', { name: 'Organisations' });
    await user.selectOptions(within(orgs).getByRole('combobox', { name: 'Organisation' }), om.id);
    await user.selectOptions(within(orgs).getByRole('combobox', { name: 'Role' }), 'lead');
    await user.click(within(orgs).getByRole('button', { name: 'Add organisation' }));
    await waitFor(() => expect(within(orgs).getByRole('cell', { name: 'OM' })).toBeInTheDocument());

    const members = screen.getByRole('region', { name: 'Members' });
    await user.selectOptions(
      within(members).getByRole('combobox', { name: 'Person' }),
      within(members).getByRole('option', { name: 'Oona Convener (OM)' }),
    );
    await user.selectOptions(within(members).getByRole('combobox', { name: 'Role' }), 'convener');
    await user.type(within(members).getByRole('textbox', { name: /^From/ }), '2027-13-01');
    await user.click(within(members).getByRole('button', { name: 'Add member' }));
    expect(await within(members).findByText('Enter a date as YYYY-MM-DD, e.g. 2027-03-15.')).toBeInTheDocument();
    await user.clear(within(members).getByRole('textbox', { name: /^From/ }));
    await user.type(within(members).getByRole('textbox', { name: /^From/ }), '2027-01-01');
    await user.click(within(members).getByRole('button', { name: 'Add member' }));
    await waitFor(() => expect(within(members).getByRole('cell', { name: 'Oona Convener' })).toBeInTheDocument());
    const [group] = await t.api.groups.list({});
    expect((await t.api.groups.get({ id: group!.id })).conveners[0]?.personName).toBe('Oona Convener');
  });

  it('switches the whole UI to Finnish and Swedish from Settings', async () => {
    useApp.setState({ route: { page: 'settings', params: [] } });
    const r = await renderWithBackend(<App />, { example: true });
    t = r.t;
    const user = userEvent.setup();
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Language' }), 'fi');
    expect(await screen.findByRole('heading', { level: 1, name: 'Asetukset' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ryhmät' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('fi');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Kieli' }), 'sv');
    expect(await screen.findByRole('heading', { level: 1, name: 'Inställningar' })).toBeInTheDocument();
    expect((await t.api.settings.get({})).language).toBe('sv');
  });
});

describe('membership editing (issue 14: every mutating method has a screen)', () => {
  it("changes a member's role and period", async () => {
    const r = await renderWithBackend(<p />, { example: false });
    t = r.t;
    const person = await t.api.people.create({ name: 'Oona Convener' });
    const group = await t.api.groups.create({ kind: 'priority_group', name: 'Safe schools', status: 'active' });
    const member = await t.api.groups.addMember({ groupId: group.id, personId: person.id, role: 'member' });
    useApp.setState({ route: { page: 'groups', params: [group.id, 'members'] } });
    r.rerender(<App />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit Oona Convener' }));
    const form = screen.getByRole('form', { name: 'Edit Oona Convener' });
    await user.selectOptions(within(form).getByLabelText('Role'), 'chair');
    await user.type(within(form).getByRole('textbox', { name: /^Until/ }), '2027-12-31');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(async () => {
      const saved = (await t!.api.groups.get({ id: group.id })).members.find((m) => m.id === member.id)!;
      expect([saved.role, saved.untilDate, saved.fromDate]).toEqual(['chair', '2027-12-31', null]);
    });
  });
});
