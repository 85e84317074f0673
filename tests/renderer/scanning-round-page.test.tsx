// Issue #15, "a round page that says what to do now": the phase stepper, the current phase's work first
// with the other panels collapsed (keyboard, remembered per round and phase), assessors' progress as
// counts, and candidates filtered by state — against the real backend.

import { act, screen, waitFor, within } from '@testing-library/react';
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
  t = undefined;
  sessionStorage.clear();
  await changeLanguage('en');
});

/**
 * A round in assessment with five candidates: two being assessed, two merged into one of them, one
 * withdrawn; the expert network has three members who are its assessors.
 */
async function roundInAssessment(api: TestBackend['api']) {
  const network = await api.groups.create({ kind: 'expert_network', name: 'Expert network', status: 'active' });
  const assessors = [];
  for (const name of ['Aino Assessor', 'Bertil Bedömare', 'Cecilia Scorer']) {
    const p = await api.people.create({ name });
    await api.groups.addMember({ groupId: network.id, personId: p.id, role: 'member' });
    assessors.push(p);
  }
  const proposal = await api.scanning.proposeRound({ lane: 'semiannual', startDate: '2026-12-01' });
  const round = await api.scanning.createRound({
    groupId: network.id,
    label: proposal.label,
    lane: 'semiannual',
    timeline: proposal.timeline,
    proposalCap: null,
  });
  await api.scanning.setRoundStatus({ id: round.id, status: 'open' });
  const make = (title: string) => api.scanning.createCandidate({ roundId: round.id, title, submit: true });
  const loneliness = await make('Loneliness of older people living at home');
  const withdrawn = await make('Graffiti on rescue stations');
  const drones = await make('Drones over prisons');
  const drones2 = await make('Drones and everyday security');
  const merged = await api.scanning.merge({ candidateIds: [drones.id, drones2.id], title: 'Drones and everyday security' });
  await api.scanning.setCandidateStatus({ id: withdrawn.id, status: 'withdrawn' });
  await api.scanning.setRoundStatus({ id: round.id, status: 'screening' });
  await api.scanning.setRoundStatus({ id: round.id, status: 'assessment' });
  const criteria = (await api.scanning.getRound({ id: round.id })).criteria;
  const scoreAll = (assessorId: string, candidateId: string) =>
    api.scanning.saveScores({
      candidateId,
      assessorId,
      entries: criteria.map((k) => ({ criterionId: k.id, value: 4, confidence: 2 })),
    });
  return { network, assessors, round, criteria, loneliness, withdrawn, merged, scoreAll };
}

async function openRound(roundId: string, ...rest: string[]) {
  await act(async () => useApp.getState().navigate({ page: 'scanning', params: [roundId, ...rest] }));
  return screen.findByRole('heading', { level: 1, name: /^Scanning round / });
}

const toggle = (name: string) => screen.getByRole('button', { name });

describe('the round page', () => {
  it('marks the current phase in the stepper, opens its work and keeps the other panels collapsed', async () => {
    useApp.setState({ route: { page: 'scanning', params: [] } });
    const r = await renderWithBackend(<App />, { example: false });
    t = r.t;
    const fx = await roundInAssessment(t.api);
    await openRound(fx.round.id);

    const stepper = screen.getByRole('list', { name: 'Phases of the round' });
    const steps = within(stepper).getAllByRole('listitem');
    expect(steps.map((s) => s.querySelector('.phase-name')?.textContent)).toEqual([
      'Planned',
      'Open for proposals',
      'Screening',
      'Assessment',
      'Consolidation',
      'List submitted',
      'Decided',
      'Closed',
    ]);
    const current = steps.filter((s) => s.getAttribute('aria-current') === 'step');
    expect(current).toHaveLength(1);
    // Its number is only shown (aria-hidden); read out: the name, "current phase", then its dates, which are
    // the round's timeline (2027 H1: assessment opens 12.3., closes 2.4.).
    expect(current[0]).toHaveTextContent('4Assessment, current phase12 Mar – 2 Apr 2027');
    expect(current[0]!.querySelector('.phase-marker')).toHaveAttribute('aria-hidden', 'true');
    for (const done of steps.slice(0, 3)) expect(done).toHaveTextContent(', done');
    for (const later of steps.slice(4)) expect(later).not.toHaveTextContent(', done');

    // What to do now, first.
    const now = screen.getByRole('region', { name: 'Now: Assessment' });
    expect(within(now).getByText(/^Each assessor scores every candidate/)).toBeInTheDocument();
    expect(within(now).getByRole('button', { name: 'Move to: consolidation' })).toBeInTheDocument();

    // The phase's work is open; everything else is collapsed, its content hidden.
    expect(toggle('Who is working')).toHaveAttribute('aria-expanded', 'true');
    expect(toggle('Assessment')).toHaveAttribute('aria-expanded', 'true');
    for (const name of ['Candidates', 'Criteria', 'Timeline', 'Round history'])
      expect(toggle(name)).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('table', { name: /candidates/i })).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Show' })).toBeNull();
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings.slice(0, 3)).toEqual(['Now: Assessment', 'Who is working', 'Assessment']);
  });

  it('expands and collapses a panel from the keyboard and remembers it per round and phase', async () => {
    useApp.setState({ route: { page: 'scanning', params: [] } });
    const r = await renderWithBackend(<App />, { example: false });
    t = r.t;
    const fx = await roundInAssessment(t.api);
    await openRound(fx.round.id);
    const user = userEvent.setup();

    const candidates = toggle('Candidates');
    candidates.focus();
    await user.keyboard('{Enter}');
    expect(candidates).toHaveAttribute('aria-expanded', 'true');
    const region = screen.getByRole('region', { name: 'Candidates' });
    expect(await within(region).findByRole('combobox', { name: 'Show' })).toBeVisible();
    await user.keyboard(' ');
    expect(candidates).toHaveAttribute('aria-expanded', 'false');
    expect(within(region).queryByRole('combobox', { name: 'Show' })).toBeNull();
    // Tab reaches the toggles in order; Space opens the criteria.
    toggle('Candidates').focus();
    await user.tab();
    expect(toggle('Criteria')).toHaveFocus();
    await user.keyboard(' ');
    expect(toggle('Criteria')).toHaveAttribute('aria-expanded', 'true');
    // Collapse "Who is working" too: the phase's own default can be overridden.
    await user.click(toggle('Who is working'));
    expect(toggle('Who is working')).toHaveAttribute('aria-expanded', 'false');

    // Away and back: the same round in the same phase opens as it was left.
    await act(async () => useApp.getState().navigate({ page: 'scanning', params: [] }));
    await screen.findByRole('heading', { level: 1, name: 'Scanning' });
    await openRound(fx.round.id);
    expect(toggle('Criteria')).toHaveAttribute('aria-expanded', 'true');
    expect(toggle('Who is working')).toHaveAttribute('aria-expanded', 'false');
    expect(toggle('Candidates')).toHaveAttribute('aria-expanded', 'false');
    expect(JSON.parse(sessionStorage.getItem(`painopiste.scanning.panels.${fx.round.id}.assessment`)!)).toEqual({
      candidates: false,
      criteria: true,
      acting: false,
    });

    // Another phase has its own defaults: in consolidation the results come first and open.
    await t.api.scanning.setRoundStatus({ id: fx.round.id, status: 'consolidation' });
    await act(async () => useApp.getState().navigate({ page: 'scanning', params: [] }));
    await screen.findByRole('heading', { level: 1, name: 'Scanning' });
    await openRound(fx.round.id);
    expect(screen.getByRole('list', { name: 'Phases of the round' }).querySelector('[aria-current="step"]')).toHaveTextContent(
      'Consolidation',
    );
    expect(toggle('Results')).toHaveAttribute('aria-expanded', 'true');
    expect(toggle('Criteria')).toHaveAttribute('aria-expanded', 'false');
    expect(screen.getAllByRole('heading', { level: 2 })[1]).toHaveTextContent('Results');

    // The address can name a panel: it opens and takes the focus.
    await openRound(fx.round.id, 'timeline');
    await waitFor(() => expect(toggle('Timeline')).toHaveAttribute('aria-expanded', 'true'));
    await waitFor(() => expect(toggle('Timeline')).toHaveFocus());
  });

  it('says “2 of 3 have scored” once two of the three assessors have scored, and nothing about who gave what', async () => {
    useApp.setState({ route: { page: 'scanning', params: [] } });
    const r = await renderWithBackend(<App />, { example: false });
    t = r.t;
    const fx = await roundInAssessment(t.api);
    const [aino, bertil] = fx.assessors;
    await fx.scoreAll(aino!.id, fx.loneliness.id);
    await fx.scoreAll(aino!.id, fx.merged.id);
    await fx.scoreAll(bertil!.id, fx.loneliness.id);
    await openRound(fx.round.id);
    const now = screen.getByRole('region', { name: 'Now: Assessment' });
    expect(within(now).getByText('1 of 3 has scored')).toBeInTheDocument();
    expect(within(now).getByText('1 more has started')).toBeInTheDocument();
    expect(within(now).getByRole('progressbar', { name: '1 of 3 has scored' })).toHaveAttribute('value', '1');

    // Bertil scores the last candidate through the form.
    const user = userEvent.setup();
    const acting = screen.getByRole('region', { name: 'Who is working' });
    await user.selectOptions(within(acting).getByRole('combobox', { name: 'Role' }), 'assessor');
    await user.selectOptions(within(acting).getByRole('combobox', { name: 'Acting as' }), bertil!.id);
    const scoring = screen.getByRole('region', { name: 'Assessment' });
    const form = await within(scoring).findByRole('form', { name: `${fx.merged.reference} ${fx.merged.title}` });
    for (const c of fx.criteria)
      await user.selectOptions(within(form).getByRole('combobox', { name: `Score for ${c.name}, ${fx.merged.reference}` }), '3');
    await user.click(within(form).getByRole('button', { name: `Save my scores for ${fx.merged.reference}` }));
    expect(await within(now).findByText('2 of 3 have scored')).toBeInTheDocument();
    expect(within(now).queryByText(/more ha(s|ve) started/)).toBeNull();
    // Counts only: no assessor's name and no score value in the progress card.
    for (const p of fx.assessors) expect(within(now).queryByText(new RegExp(p.name))).toBeNull();
    const round = await t.api.scanning.getRound({ id: fx.round.id });
    expect(round.completion).toEqual({ total: 3, done: 2, started: 0, cellsPerAssessor: 2 * fx.criteria.length });

    // In Finnish and Swedish too.
    await act(async () => changeLanguage('fi'));
    expect(await screen.findByText('3 arvioijasta 2 on antanut pisteensä')).toBeInTheDocument();
    await act(async () => changeLanguage('sv'));
    expect(await screen.findByText('2 av 3 har gett sina poäng')).toBeInTheDocument();
  });

  it('filters the candidates by state with a count per state, and keeps the filter in the address', async () => {
    useApp.setState({ route: { page: 'scanning', params: [] } });
    const r = await renderWithBackend(<App />, { example: false });
    t = r.t;
    const fx = await roundInAssessment(t.api);
    await openRound(fx.round.id);
    const user = userEvent.setup();
    await user.click(toggle('Candidates'));
    const region = screen.getByRole('region', { name: 'Candidates' });
    const show = within(region).getByRole('combobox', { name: 'Show' });
    expect(
      within(show)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['All (5)', 'merged (2)', 'withdrawn (1)', 'in assessment (2)']);
    const rows = () => within(region).getAllByRole('row').slice(1);
    expect(rows()).toHaveLength(5);

    await user.selectOptions(show, 'withdrawn');
    expect(rows()).toHaveLength(1);
    expect(rows()[0]).toHaveTextContent('Graffiti on rescue stations');
    expect(within(region).getByText('1 of 5 candidates shown.')).toBeInTheDocument();
    expect(useApp.getState().route.params).toEqual([fx.round.id, 'candidates', 'withdrawn']);
    expect(window.location.hash).toBe(`#/scanning/${fx.round.id}/candidates/withdrawn`);
    // Choosing keeps the focus on the filter.
    expect(show).toHaveFocus();

    await user.selectOptions(show, 'in_assessment');
    expect(rows().map((row) => within(row).getAllByRole('cell')[1]!.textContent)).toEqual([
      'Loneliness of older people living at home',
      'Drones and everyday security',
    ]);
    expect(within(region).getByText('2 of 5 candidates shown.')).toBeInTheDocument();

    // The address alone restores the filter (a reload, a link, Back).
    await act(async () => useApp.getState().navigate({ page: 'scanning', params: [] }));
    await screen.findByRole('heading', { level: 1, name: 'Scanning' });
    await openRound(fx.round.id, 'candidates', 'merged');
    const again = screen.getByRole('region', { name: 'Candidates' });
    expect(within(again).getByRole('combobox', { name: 'Show' })).toHaveValue('merged');
    expect(within(again).getAllByRole('row').slice(1)).toHaveLength(2);

    await user.selectOptions(within(again).getByRole('combobox', { name: 'Show' }), '');
    expect(within(again).getAllByRole('row').slice(1)).toHaveLength(5);
    expect(useApp.getState().route.params).toEqual([fx.round.id, 'candidates']);
  });
});
