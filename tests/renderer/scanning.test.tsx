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
  sessionStorage.clear();
  await changeLanguage('en');
});

describe('scanning screens', () => {
  it('creates a round, opens it and proposes a candidate with similar priorities suggested while typing', async () => {
    useApp.setState({ route: { page: 'scanning', params: [] } });
    const r = await renderWithBackend(<App />, { example: true });
    t = r.t;
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New round' }));
    const form = screen.getByRole('form', { name: 'New round' });
    await waitFor(() =>
      expect((within(form).getByRole('textbox', { name: 'Label' }) as HTMLInputElement).value).toMatch(/^\d{4} H[12]$/),
    );
    await user.click(within(form).getByRole('button', { name: 'Create the round' }));
    expect(await screen.findByRole('heading', { level: 1, name: /^Scanning round \d{4} H[12]$/ })).toBeInTheDocument();
    // Illegal moves are never offered; the legal next step is.
    await user.click(screen.getByRole('button', { name: 'Move to: open for proposals' }));
    await user.click(await screen.findByRole('link', { name: 'Propose a new candidate' }));

    const candidateForm = await screen.findByRole('form', { name: 'New candidate' });
    await user.type(within(candidateForm).getByRole('textbox', { name: 'Title' }), 'Cybercrime against older people');
    const similar = await screen.findByRole('complementary', { name: 'Similar candidates and priorities' });
    expect(
      await within(similar).findByRole('link', { name: 'Cybercrime as a threat to everyday security' }, { timeout: 3000 }),
    ).toBeInTheDocument();
    await user.click(within(candidateForm).getByRole('checkbox', { name: 'Social' }));
    await user.click(within(candidateForm).getByRole('button', { name: 'Submit the candidate' }));
    expect(await screen.findByRole('heading', { level: 1, name: /-01 Cybercrime against older people$/ })).toBeInTheDocument();
    const fields = screen.getByRole('region', { name: 'Candidate' });
    expect(within(fields).getByText('submitted')).toBeInTheDocument();
    expect(within(fields).getByText('Social')).toBeInTheDocument();
  });

  it('shows an assessor only their own scores while the window is open', async () => {
    useApp.setState({ route: { page: 'scanning', params: [] } });
    const r = await renderWithBackend(<App />, { example: true });
    t = r.t;
    const api = t.api;
    const network = (await api.groups.list({ kind: 'expert_network' }))[0]!;
    const aino = await api.people.create({ name: 'Aino Assessor' });
    const bertil = await api.people.create({ name: 'Bertil Bedömare' });
    const p = await api.scanning.proposeRound({ lane: 'semiannual' });
    const round = await api.scanning.createRound({
      groupId: network.id,
      label: p.label,
      lane: 'semiannual',
      timeline: p.timeline,
      proposalCap: null,
    });
    await api.scanning.setRoundStatus({ id: round.id, status: 'open' });
    const c = await api.scanning.createCandidate({ roundId: round.id, title: 'Drones and everyday security', submit: true });
    await api.scanning.setRoundStatus({ id: round.id, status: 'screening' });
    await api.scanning.setRoundStatus({ id: round.id, status: 'assessment' });
    const criteria = (await api.scanning.getRound({ id: round.id })).criteria;
    await api.scanning.saveScores({
      candidateId: c.id,
      assessorId: bertil.id,
      entries: criteria.map((k) => ({ criterionId: k.id, value: 5, confidence: 3 })),
    });

    useApp.getState().navigate({ page: 'scanning', params: [round.id] });
    const user = userEvent.setup();
    const acting = await screen.findByRole('region', { name: 'Who is working' });
    await user.selectOptions(within(acting).getByRole('combobox', { name: 'Acting as' }), aino.id);
    await user.selectOptions(within(acting).getByRole('combobox', { name: 'Role' }), 'assessor');
    const scoring = screen.getByRole('region', { name: 'Assessment' });
    expect(await within(scoring).findByText('The assessment window is open: you see only your own scores.')).toBeInTheDocument();
    const first = await within(scoring).findByRole('combobox', { name: `Score for ${criteria[0]!.name}, ${c.reference}` });
    // Bertil's 5 is not shown to Aino.
    expect(first).toHaveValue('');
    await user.selectOptions(first, '3');
    await user.click(within(scoring).getByRole('button', { name: `Save my scores for ${c.reference}` }));
    await waitFor(async () => {
      const mine = await api.scanning.scores({ roundId: round.id, viewerId: aino.id, viewerRole: 'assessor' });
      expect(mine.scores.map((s) => s.value)).toEqual([3]);
    });
    // Results stay hidden until the window closes.
    expect(screen.queryByRole('region', { name: 'Results' })).toBeNull();
  });
});
