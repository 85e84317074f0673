// Issue #12, scope on the rows: the import preview lists apart the shared organisations and people a
// group's file updates and the records outside its group it leaves as they are here.

import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/app/App';
import { to, useApp } from '../../renderer/store/app';
import type { TestBackend } from '../helpers/backend';
import { renderWithBackend } from './harness';
import { exportFrom, importInto, replica, seedGroup, type Replica } from '../backend/exchange-helpers';

const picked = vi.hoisted(() => ({ file: null as { name: string; contentBase64: string } | null }));
vi.mock('../../renderer/ui/files', async (original) => ({
  ...(await original<typeof import('../../renderer/ui/files')>()),
  pickFile: () => Promise.resolve(picked.file),
}));

let t: TestBackend | undefined;
let other: Replica | undefined;
afterEach(() => {
  t?.cleanup();
  other?.cleanup();
  t = other = undefined;
});

describe('the import preview says what lies outside the file’s group', () => {
  it('lists the shared rows it updates and the records it keeps as they are, apart from the group’s own', async () => {
    useApp.setState({ route: { page: 'groups', params: [] } });
    const r = await renderWithBackend(<App />, { example: false });
    t = r.t;
    other = await replica(Date.now() + 60_000);
    const s = await seedGroup(other);
    await importInto(t, exportFrom(other, { kind: 'database' }));
    other.tick(600_000);
    // On the other computer: the parent group and the organisation renamed, a member added to the subgroup.
    await other.api.groups.update({ id: s.group.id, patch: { name: 'Kyberturvallisuus (uusi nimi)' } });
    await other.api.organisations.update({ id: s.org.id, patch: { name: 'Sisäministeriö (uusi nimi)' } });
    await other.api.groups.addMember({ groupId: s.sub.id, personId: s.person.id, role: 'member' });
    const file = exportFrom(other, { kind: 'group', groupId: s.sub.id });
    picked.file = { name: 'alatyoryhma.wgx', contentBase64: Buffer.from(file).toString('base64') };

    act(() => useApp.getState().navigate(to('exchange', 'import')));
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
    await user.click(await screen.findByRole('button', { name: 'Check the file' }));
    const preview = await screen.findByRole('region', { name: 'What importing will change' });

    const shared = within(preview).getByRole('heading', { name: 'Shared data this file updates' });
    expect(shared.nextElementSibling?.nextElementSibling).toHaveTextContent('Sisäministeriö — changes: name');
    const kept = within(preview).getByRole('heading', { name: 'Kept as they are here' });
    expect(kept.nextElementSibling?.nextElementSibling).toHaveTextContent('Kyberturvallisuus — changes: name');

    await user.click(within(preview).getByRole('button', { name: 'Import' }));
    expect(await screen.findByRole('heading', { name: 'The file was imported' })).toBeInTheDocument();
    expect((await t.api.groups.get({ id: s.group.id })).name).toBe('Kyberturvallisuus');
    expect((await t.api.organisations.get({ id: s.org.id })).name).toBe('Sisäministeriö (uusi nimi)');
  });
});
