import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/app/App';
import { useApp } from '../../renderer/store/app';
import type { TestBackend } from '../helpers/backend';
import { renderWithBackend } from './harness';

/**
 * Text from people and from imported files is shown as text: markup in a group's description, an
 * organisation's name or a group's name never becomes elements, handlers or scripts in the page.
 */
const HOSTILE = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=2</script>',
  '<a href="javascript:window.__pwned=3">click</a>',
  '<svg onload="window.__pwned=4"></svg>',
  "=cmd|' /C calc'!A0",
  '@SUM(1+1)',
];
const DESCRIPTION = HOSTILE.join('\n');

let t: TestBackend | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
  delete (window as { __pwned?: number }).__pwned;
});

/** No element, attribute or handler came from the hostile text. */
function expectNoInjectedMarkup() {
  expect(document.querySelector('img[src="x"], script:not([src]), svg[onload], a[href^="javascript:"]')).toBeNull();
  const withHandlers = [...document.querySelectorAll('*')].filter((el) =>
    [...el.attributes].some((a) => a.name.startsWith('on') || a.value.includes('__pwned')),
  );
  expect(withHandlers).toEqual([]);
  expect((window as { __pwned?: number }).__pwned).toBeUndefined();
}

describe('untrusted text in the UI', () => {
  it("shows a group's name and description with markup and formulas as plain text", async () => {
    useApp.setState({ route: { page: 'groups', params: [] } });
    const r = await renderWithBackend(<App />, { example: false });
    t = r.t;
    const group = await t.api.groups.create({
      kind: 'expert_network',
      name: '<b>Bold</b> <img src=x onerror="window.__pwned=5">',
      status: 'active',
      description: DESCRIPTION,
    });
    useApp.setState({ route: { page: 'groups', params: [group.id] } });
    await screen.findByRole('heading', { level: 1, name: '<b>Bold</b> <img src=x onerror="window.__pwned=5">' });
    for (const line of HOSTILE) expect(document.body.textContent).toContain(line);
    expect(document.querySelector('b')?.textContent).not.toBe('Bold');
    expectNoInjectedMarkup();
  });

  it('lists organisations whose names and notes carry markup as text', async () => {
    useApp.setState({ route: { page: 'organisations', params: [] } });
    const r = await renderWithBackend(<App />, { example: false });
    t = r.t;
    await t.api.organisations.create({
      abbreviation: '<i>X</i>',
      name: '<img src=x onerror="window.__pwned=6">',
      kind: 'agency',
      notes: DESCRIPTION,
    });
    // Leave and come back so the list loads the new row.
    act(() => useApp.setState({ route: { page: 'people', params: [] } }));
    await screen.findByRole('heading', { level: 1 });
    act(() => useApp.setState({ route: { page: 'organisations', params: [] } }));
    expect(await screen.findByText('<img src=x onerror="window.__pwned=6">', { exact: false })).toBeInTheDocument();
    expect(document.querySelector('i')?.textContent).not.toBe('X');
    expectNoInjectedMarkup();
  });
});
