import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { OrganisationsPage } from '../../renderer/features/organisations/OrganisationsPage';
import type { TestBackend } from '../helpers/backend';
import { renderWithBackend } from './harness';

let t: TestBackend | undefined;
afterEach(() => t?.cleanup());

describe('OrganisationsPage', () => {
  it('shows validation messages from the contract and then saves to the database', async () => {
    const r = await renderWithBackend(<OrganisationsPage />, { example: false });
    t = r.t;
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'New organisation' }));
    const form = screen.getByRole('region', { name: 'New organisation' });
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findAllByText('Fill in this field.')).toHaveLength(2);
    expect(within(form).getByText('Choose one of the options.')).toBeInTheDocument();

    await user.type(within(form).getByRole('textbox', { name: 'Abbreviation' }), 'THL');
    await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Finnish Institute for Health and Welfare');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Kind' }), 'research');
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.getByRole('cell', { name: 'THL' })).toBeInTheDocument());
    expect((await t.api.organisations.list({})).map((o) => o.abbreviation)).toEqual(['THL']);
  });

  it('shows the backend refusal of a duplicate abbreviation as a sentence', async () => {
    const r = await renderWithBackend(<OrganisationsPage />, { example: true });
    t = r.t;
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'New organisation' }));
    const form = screen.getByRole('region', { name: 'New organisation' });
    await user.type(within(form).getByRole('textbox', { name: 'Abbreviation' }), 'SM');
    await user.type(within(form).getByRole('textbox', { name: 'Name' }), 'Duplicate');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Kind' }), 'ministry');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Another organisation already uses the abbreviation SM.');
  });

  it('archives and restores from the list (VM is MoF in English)', async () => {
    const r = await renderWithBackend(<OrganisationsPage />, { example: true });
    t = r.t;
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Archive MoF' }));
    await waitFor(() => expect(screen.queryByRole('cell', { name: 'MoF' })).not.toBeInTheDocument());
    await user.click(screen.getByRole('checkbox', { name: 'Show archived' }));
    await user.click(await screen.findByRole('button', { name: 'Restore MoF' }));
    await waitFor(async () => expect((await t!.api.organisations.list({})).some((o) => o.abbreviation === 'VM')).toBe(true));
  });
});
