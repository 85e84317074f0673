/**
 * Issue #16 item 6 at the screens: organisations and groups are shown by their names in the UI's
 * language (Inrikesministeriet / IM in Swedish, Ministry of the Interior / MoI in English), and the forms'
 * "Names in other languages" section saves only what the user changed.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/app/App';
import { OrganisationsPage } from '../../renderer/features/organisations/OrganisationsPage';
import { changeLanguage } from '../../renderer/i18n';
import { useApp } from '../../renderer/store/app';
import type { TestBackend } from '../helpers/backend';
import { renderWithBackend } from './harness';

let t: TestBackend | undefined;
afterEach(async () => {
  t?.cleanup();
  t = undefined;
  await changeLanguage('en');
});

async function priority7(api: TestBackend['api']) {
  const groups = await api.groups.list({});
  return groups.find((g) => g.priorityNumber === 7)!;
}

describe('names in the UI language', () => {
  it('the organisation list and a group page speak Swedish in Swedish', async () => {
    await changeLanguage('sv');
    useApp.setState({ route: { page: 'organisations', params: [] } });
    const r = await renderWithBackend(<App />, { example: true });
    t = r.t;
    expect(await screen.findByRole('cell', { name: 'Inrikesministeriet' })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'IM' })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'UKM' })).toBeInTheDocument();
    expect(screen.queryByRole('cell', { name: 'SM' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Redigera IM' })).toBeInTheDocument();

    // The groups list: Swedish names, the lead organisation by its Swedish abbreviation.
    useApp.getState().navigate({ page: 'groups', params: [] });
    const link = await screen.findByRole('link', { name: '7. Polarisering, konfliktlösning och trakasserier' });
    expect(within(link.closest('tr')!).getByRole('cell', { name: 'IM' })).toBeInTheDocument();
    const p2 = screen.getByRole('link', { name: '2. Säkerhetskapitalet hos barn och unga som riskerar utanförskap' });
    expect(within(p2.closest('tr')!).getByRole('cell', { name: 'UKM' })).toBeInTheDocument();

    // The group page: heading and its organisations.
    const group = await priority7(t.api);
    useApp.getState().navigate({ page: 'groups', params: [group.id, 'members'] });
    expect(
      await screen.findByRole('heading', { level: 1, name: '7. Polarisering, konfliktlösning och trakasserier' }),
    ).toBeInTheDocument();
    const orgs = await screen.findByRole('region', { name: 'Organisationer' });
    await waitFor(() => expect(within(orgs).getByRole('cell', { name: 'Inrikesministeriet' })).toBeInTheDocument());
    expect(within(orgs).getByRole('cell', { name: 'IM' })).toBeInTheDocument();
    expect(within(orgs).getByRole('button', { name: 'Ta bort IM' })).toBeInTheDocument();
  });

  it("Today names the handover's chairs in Swedish (IM → ANM, not SM → TEM)", async () => {
    await changeLanguage('sv');
    useApp.setState({ route: { page: 'home', params: [] } });
    const r = await renderWithBackend(<App />, { example: true });
    t = r.t;
    const home = await r.t.api.portfolio.home({});
    const handover = home.handoversDue.find((h) => h.detail === 'SM → TEM');
    expect(handover, "the example has priority 7's handover SM → TEM").toBeTruthy();
    const region = await screen.findByRole('region', { name: 'Kommande byten av ordförandeskap' });
    await waitFor(() => expect(region.textContent).toContain('IM → ANM'));
    expect(region.textContent).not.toContain('SM → TEM');
  });

  it('and English in English; switching the language switches the names', async () => {
    useApp.setState({ route: { page: 'organisations', params: [] } });
    const r = await renderWithBackend(<App />, { example: true });
    t = r.t;
    expect(await screen.findByRole('cell', { name: 'Ministry of the Interior' })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'MoI' })).toBeInTheDocument();
    const group = await priority7(t.api);
    useApp.getState().navigate({ page: 'groups', params: [group.id, 'members'] });
    expect(
      await screen.findByRole('heading', { level: 1, name: '7. Polarisation, conflict resolution and harassment' }),
    ).toBeInTheDocument();
    const orgs = await screen.findByRole('region', { name: 'Organisations' });
    await waitFor(() => expect(within(orgs).getByRole('cell', { name: 'MoI' })).toBeInTheDocument());

    await changeLanguage('fi');
    expect(
      await screen.findByRole('heading', { level: 1, name: '7. Polarisaatio, konfliktinratkaisu ja häirintä' }),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('region', { name: 'Organisaatiot' })).getByRole('cell', { name: 'Sisäministeriö' }),
    ).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Organisaatiot' })).getByRole('cell', { name: 'SM' })).toBeInTheDocument();
  });

  it('a row with only the name as written shows that name in every language', async () => {
    await changeLanguage('sv');
    const r = await renderWithBackend(<OrganisationsPage />, { example: false });
    t = r.t;
    await t.api.organisations.create({ abbreviation: 'THL', name: 'Terveyden ja hyvinvoinnin laitos', kind: 'research' });
    r.rerender(<OrganisationsPage key="again" />);
    expect(await screen.findByRole('cell', { name: 'Terveyden ja hyvinvoinnin laitos' })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'THL' })).toBeInTheDocument();
  });
});

describe('"Names in other languages" in the forms', () => {
  it('the organisation form: filling only the Swedish name saves it and leaves every other field as it was', async () => {
    const r = await renderWithBackend(<OrganisationsPage />, { example: false });
    t = r.t;
    const org = await t.api.organisations.create({
      abbreviation: 'SM',
      name: 'Sisäministeriö',
      nameFi: 'Sisäministeriö',
      abbreviationEn: 'MoI',
      kind: 'ministry',
      notes: 'Notes as first written.',
    });
    r.rerender(<OrganisationsPage key="again" />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit MoI' }));
    const form = screen.getByRole('region', { name: 'Edit MoI' });
    // Collapsed: a summary to open, its fields inside.
    const summary = within(form).getByText('Names in other languages');
    const details = summary.closest('details')!;
    expect(details.open).toBe(false);
    await user.click(summary);
    expect(details.open).toBe(true);
    expect(within(form).getByRole('textbox', { name: /^Name in Finnish/ })).toHaveValue('Sisäministeriö');
    expect(within(form).getByRole('textbox', { name: /^Abbreviation in English/ })).toHaveValue('MoI');
    // Meanwhile someone else changes the notes: a form that sends only what it changed keeps that change.
    await t.api.organisations.update({ id: org.id, patch: { notes: 'Notes changed elsewhere.' } });

    await user.type(within(form).getByRole('textbox', { name: /^Name in Swedish/ }), 'Inrikesministeriet');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(async () => expect((await t!.api.organisations.get({ id: org.id })).nameSv).toBe('Inrikesministeriet'));
    expect(await t.api.organisations.get({ id: org.id })).toMatchObject({
      abbreviation: 'SM',
      name: 'Sisäministeriö',
      nameFi: 'Sisäministeriö',
      nameEn: null,
      abbreviationFi: null,
      abbreviationSv: null,
      abbreviationEn: 'MoI',
      kind: 'ministry',
      notes: 'Notes changed elsewhere.',
    });

    // A new organisation's form starts clean, its other-language names empty.
    await user.click(screen.getByRole('button', { name: 'New organisation' }));
    const fresh = screen.getByRole('region', { name: 'New organisation' });
    await user.click(within(fresh).getByText('Names in other languages'));
    for (const name of [/^Name in Finnish/, /^Name in Swedish/, /^Name in English/, /^Abbreviation in Swedish/]) {
      expect(within(fresh).getByRole('textbox', { name })).toHaveValue('');
    }
  });

  it('a new organisation keeps the names given in the section, and the next form starts clean', async () => {
    const r = await renderWithBackend(<OrganisationsPage />, { example: false });
    t = r.t;
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'New organisation' }));
    const form = screen.getByRole('region', { name: 'New organisation' });
    await user.type(within(form).getByRole('textbox', { name: 'Abbreviation' }), 'OM');
    await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Oikeusministeriö');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Kind' }), 'ministry');
    await user.click(within(form).getByText('Names in other languages'));
    await user.type(within(form).getByRole('textbox', { name: /^Name in Swedish/ }), 'Justitieministeriet');
    await user.type(within(form).getByRole('textbox', { name: /^Abbreviation in Swedish/ }), 'JM');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(async () => expect(await t!.api.organisations.list({})).toHaveLength(1));
    expect((await t.api.organisations.list({}))[0]).toMatchObject({
      nameSv: 'Justitieministeriet',
      abbreviationSv: 'JM',
      nameEn: null,
    });

    await user.click(screen.getByRole('button', { name: 'New organisation' }));
    const next = screen.getByRole('region', { name: 'New organisation' });
    expect(within(next).getByRole('textbox', { name: 'Abbreviation' })).toHaveValue('');
    await user.click(within(next).getByText('Names in other languages'));
    expect(within(next).getByRole('textbox', { name: /^Name in Swedish/ })).toHaveValue('');
    expect(within(next).getByRole('textbox', { name: /^Abbreviation in Swedish/ })).toHaveValue('');
  });

  it('the group form: filling only the Swedish short name keeps the rest, and the page shows it in Swedish', async () => {
    const r = await renderWithBackend(<p />, { example: false });
    t = r.t;
    const group = await t.api.groups.create({
      kind: 'network',
      name: 'Polarisaatioverkosto',
      nameFi: 'Polarisaatioverkosto',
      nameSv: 'Polariseringsnätverket',
      shortName: 'Polarisaatio',
      status: 'active',
      description: 'As first written.',
    });
    useApp.setState({ route: { page: 'groups', params: [group.id, 'members'] } });
    r.rerender(<App />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    const form = screen.getByRole('region', { name: 'Edit group' });
    await user.click(within(form).getByText('Names in other languages'));
    expect(within(form).getByRole('textbox', { name: /^Name in Swedish/ })).toHaveValue('Polariseringsnätverket');
    await t.api.groups.update({ id: group.id, patch: { description: 'Changed elsewhere.' } });
    await user.type(within(form).getByRole('textbox', { name: /^Short name in Swedish/ }), 'Polarisering');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(async () => expect((await t!.api.groups.get({ id: group.id })).shortNameSv).toBe('Polarisering'));
    expect(await t.api.groups.get({ id: group.id })).toMatchObject({
      name: 'Polarisaatioverkosto',
      nameFi: 'Polarisaatioverkosto',
      nameSv: 'Polariseringsnätverket',
      nameEn: null,
      shortName: 'Polarisaatio',
      shortNameFi: null,
      shortNameEn: null,
      description: 'Changed elsewhere.',
      status: 'active',
    });

    await changeLanguage('sv');
    expect(await screen.findByRole('heading', { level: 1, name: 'Polariseringsnätverket' })).toBeInTheDocument();
  });
});
