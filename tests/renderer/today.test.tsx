import { renderHook, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GroupPanel } from '../../renderer/features/meetings/GroupPanel';
import { HomePage } from '../../renderer/features/portfolio/HomePage';
import { useApp } from '../../renderer/store/app';
import { today, useToday } from '../../renderer/ui/today';
import type { TestBackend } from '../helpers/backend';
import { renderWithBackend } from './harness';

/** The renderer's "today" at 00:30 in Helsinki on New Year's Day, when the UTC date is still 31 December. */
let t: TestBackend | undefined;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-31T22:30:00Z'));
});
afterEach(() => {
  t?.cleanup();
  t = undefined;
  vi.useRealTimers();
});

describe('today in the renderer', () => {
  it('is the date in the configured time zone (default Europe/Helsinki), not the UTC date', () => {
    useApp.setState({ settings: null });
    expect(today()).toBe('2027-01-01');
    useApp.setState({ settings: { language: 'en', timeZone: 'Europe/Helsinki' } });
    expect(renderHook(() => useToday()).result.current).toBe('2027-01-01');
    useApp.setState({ settings: { language: 'en', timeZone: 'America/New_York' } });
    expect(today()).toBe('2026-12-31');
  });

  it("lists New Year's Day's meeting as upcoming and New Year's Eve's as past", async () => {
    const r = await renderWithBackend(<p />, { example: false });
    t = r.t;
    const group = await t.api.groups.create({ kind: 'priority_group', name: 'Safe schools', status: 'active' });
    for (const [title, date] of [
      ['Eve meeting', '2026-12-31'],
      ['New Year meeting', '2027-01-01'],
    ] as const)
      await t.api.meetings.create({ groupId: group.id, title, date, startTime: '09:00', endTime: '10:00' });
    r.rerender(<GroupPanel group={await t.api.groups.get({ id: group.id })} />);
    const upcoming = await screen.findByRole('table', { name: 'Upcoming meetings' });
    expect(await within(upcoming).findByText('New Year meeting')).toBeInTheDocument();
    expect(within(upcoming).queryByText('Eve meeting')).toBeNull();
    expect(within(screen.getByRole('table', { name: 'Past meetings' })).getByText('Eve meeting')).toBeInTheDocument();
  });

  it('shows the living example on Today: meetings coming, actions due and overdue, minutes to approve, a handover, scanning', async () => {
    vi.setSystemTime(new Date('2026-12-02T08:00:00Z'));
    const r = await renderWithBackend(<HomePage params={[]} />, { example: true });
    t = r.t;
    const section = async (name: string) => screen.findByRole('region', { name }, { timeout: 10_000 });
    for (const name of [
      'Upcoming meetings',
      'Overdue actions',
      'Actions due within two weeks',
      'Minutes awaiting approval',
      'Chair handovers due',
      'Scanning deadlines',
    ]) {
      const region = await section(name);
      expect(within(region).getAllByRole('listitem').length, name).toBeGreaterThan(0);
    }
    const handovers = await section('Chair handovers due');
    expect(within(handovers).getByText(/→/)).toBeInTheDocument();
    expect(within(await section('Minutes awaiting approval')).getAllByRole('link').length).toBeGreaterThan(0);
  }, 60_000);
});
