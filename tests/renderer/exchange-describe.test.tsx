// Issue #15 on the Conflicts screen: a conflict says its group, meeting, date and item with a link to the
// meeting, who wrote each version and when, and highlights what differs (finding 1, must-exist 3).

import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/app/App';
import { diffPieces } from '../../renderer/features/exchange/describe';
import { to, useApp } from '../../renderer/store/app';
import type { TestBackend } from '../helpers/backend';
import { renderWithBackend } from './harness';
import { exportFrom, importInto, replica, seedGroup, type Replica } from '../backend/exchange-helpers';

let t: TestBackend | undefined;
let other: Replica | undefined;
afterEach(() => {
  t?.cleanup();
  other?.cleanup();
  t = other = undefined;
});

describe('conflicts that say what conflicts', () => {
  it('shows where the minutes are, links to the meeting, says who wrote each version, and marks the difference', async () => {
    useApp.setState({ route: { page: 'groups', params: [] } });
    const r = await renderWithBackend(<App />, { example: false });
    t = r.t;
    // The other computer's clock is ahead: its edit is the newer one and replaces this computer's text.
    other = await replica(Date.now() + 60_000);
    const s = await seedGroup(other);
    const scope = { kind: 'group' as const, groupId: s.group.id };
    await importInto(t, exportFrom(other, scope));
    t.backend.ctx.tx(() => t!.backend.ctx.store.update('agenda_items', s.item.id, { minutes: 'Päätettiin jatkaa tänä vuonna.' }));
    other.tick(600_000);
    other.backend.ctx.tx(() =>
      other!.backend.ctx.store.update('agenda_items', s.item.id, { minutes: 'Päätettiin jatkaa ensi vuonna.' }),
    );
    await importInto(t, exportFrom(other, scope));

    act(() => useApp.getState().navigate(to('exchange', 'conflicts')));
    const card = await screen.findByRole('region', { name: 'Agenda items: Tilannekuva (minutes)' });
    expect(card).toHaveTextContent('Kyberturvallisuus › Kokous 1, 1 Feb 2027 › Tilannekuva');
    expect(within(card).getByRole('link', { name: 'Open' })).toHaveAttribute('href', `#/meetings/${s.meeting.id}`);
    expect(card).toHaveTextContent(/Written .* on this computer/);
    expect(card).toHaveTextContent(/Written .* on computer \S+/);
    const current = within(card).getByTestId('conflict-current');
    expect([...current.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['ensi']);
    const otherText = within(card).getByTestId('conflict-other');
    expect([...otherText.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['tänä']);

    // This computer's text was the older one: the import replaced it, and the meeting page says so.
    act(() => useApp.getState().navigate(to('meetings', s.meeting.id)));
    await screen.findByRole('heading', { level: 1, name: 'Kokous 1' });
    expect(await screen.findByText(/An import replaced texts of this meeting .*\(Tilannekuva\)/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open Conflicts' })).toHaveAttribute('href', '#/exchange/conflicts');
  });

  it('word difference keeps the common words and marks only the changed ones', () => {
    expect(diffPieces('a b c', 'a x c')).toEqual([
      { text: 'a ', changed: false },
      { text: 'b', changed: true },
      { text: ' c', changed: false },
    ]);
    expect(diffPieces('same', 'same')).toEqual([{ text: 'same', changed: false }]);
  });
});
