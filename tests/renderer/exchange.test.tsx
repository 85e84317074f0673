import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/app/App';
import { to, useApp } from '../../renderer/store/app';
import type { TestBackend } from '../helpers/backend';
import { renderWithBackend } from './harness';
import { exportFrom, importInto, replica, seedGroup, type Replica } from '../backend/exchange-helpers';

let t: TestBackend | undefined;
let other: Replica | undefined;
beforeEach(() => {
  // jsdom has no object URLs; saveFile's browser download needs them.
  URL.createObjectURL = vi.fn(() => 'blob:painopiste');
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => {
  t?.cleanup();
  other?.cleanup();
  t = other = undefined;
});

describe('handover and exchange screens', () => {
  it('the export wizard shows the checklist, takes a note and reports what went into the file', async () => {
    useApp.setState({ route: { page: 'groups', params: [] } });
    const r = await renderWithBackend(<App />, { example: false });
    t = r.t;
    const s = await seedGroup(t);
    const saved = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    act(() => useApp.getState().navigate(to('exchange', 'export', s.group.id)));
    expect(await screen.findByRole('heading', { level: 1, name: 'Handover file: Kyberturvallisuus' })).toBeInTheDocument();
    const checklist = screen.getByRole('region', { name: 'Handover checklist' });
    expect(within(checklist).getByText(/Aino Virtanen \(Chair/)).toBeInTheDocument();
    expect(within(checklist).getByText(/Kokous 1 — Aino Virtanen/)).toBeInTheDocument();

    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Handover note' }), 'Talousarvio kesken.');
    await user.click(screen.getByRole('checkbox', { name: 'Protect the file with a passphrase' }));
    await user.type(screen.getByLabelText('Passphrase'), 'lyhyt');
    await user.click(screen.getByRole('button', { name: 'Create the handover file' }));
    expect(await screen.findByText('A passphrase must be at least 8 characters long, or leave it empty.')).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Protect the file with a passphrase' }));
    await user.click(screen.getByRole('button', { name: 'Create the handover file' }));
    expect(await screen.findByRole('heading', { name: 'The handover file is ready' })).toBeInTheDocument();
    expect(screen.getByText(/Saved as Kyberturvallisuus-\d{4}-\d{2}-\d{2}\.wgx/)).toBeInTheDocument();
    expect(screen.getByRole('rowheader', { name: 'Meetings' })).toBeInTheDocument();
    expect(saved).toHaveBeenCalledOnce();
    const log = await t.api.exchange.log({ groupId: s.group.id });
    expect(log).toHaveLength(1);
    saved.mockRestore();
  });

  it('the conflicts view shows both texts and saves a merged one', async () => {
    useApp.setState({ route: { page: 'groups', params: [] } });
    const r = await renderWithBackend(<App />, { example: false });
    t = r.t;
    other = await replica(Date.now() - 60_000);
    const s = await seedGroup(other);
    const scope = { kind: 'group' as const, groupId: s.group.id };
    await importInto(t, exportFrom(other, scope));
    other.backend.ctx.tx(() => other!.backend.ctx.store.update('agenda_items', s.item.id, { minutes: 'Toisen koneen teksti.' }));
    t.backend.ctx.tx(() => t!.backend.ctx.store.update('agenda_items', s.item.id, { minutes: 'Tämän koneen teksti.' }));
    await importInto(t, exportFrom(other, scope));

    act(() => useApp.getState().navigate(to('exchange', 'conflicts')));
    const card = await screen.findByRole('region', { name: 'Agenda items: Tilannekuva (minutes)' });
    expect(within(card).getByTestId('conflict-current')).toHaveTextContent('Tämän koneen teksti.');
    expect(within(card).getByTestId('conflict-other')).toHaveTextContent('Toisen koneen teksti.');
    const user = userEvent.setup();
    const merged = within(card).getByRole('textbox', { name: 'Merged text' });
    await user.clear(merged);
    await user.type(merged, 'Yhdistetty.');
    await user.click(within(card).getByRole('button', { name: 'Save the merged text' }));
    expect(await screen.findByText('No conflicts to resolve.')).toBeInTheDocument();
    await waitFor(async () => expect(t!.backend.ctx.store.getRaw('agenda_items', s.item.id)!.minutes).toBe('Yhdistetty.'));
  });

  it('the backups view backs up now and lists the backup', async () => {
    useApp.setState({ route: { page: 'exchange', params: ['backups'] } });
    const r = await renderWithBackend(<App />, { example: false });
    t = r.t;
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Back up now and save a copy' }));
    expect(await screen.findByRole('cell', { name: 'Manual' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /^Restore the backup of/ }));
    await user.click(screen.getByRole('button', { name: 'Yes, restore' }));
    expect(await screen.findByRole('cell', { name: 'Before restore' })).toBeInTheDocument();
    click.mockRestore();
  });
});
