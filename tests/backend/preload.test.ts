/**
 * The preload, as built for the app: tiny, requiring only 'electron', and exposing exactly the bridge
 * (invoke, cancel, progress and backend events, the file/print helpers) and nothing else. Run in a VM
 * with a recording stand-in for Electron's contextBridge and ipcRenderer.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { API_CHANNEL, CANCEL_CHANNEL, PROGRESS_CHANNEL } from '../../electron/channels';

const root = path.resolve(__dirname, '../..');
const outDir = path.join(root, '.tmp', `preload-${process.pid}`);
let code: string;

/** The preload stays a few kilobytes: no contract, no zod, no date library. */
const MAX_PRELOAD_BYTES = 4 * 1024;

beforeAll(async () => {
  await build({
    configFile: path.join(root, 'vite.preload.config.ts'),
    root,
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true },
  });
  code = fs.readFileSync(path.join(outDir, 'preload.cjs'), 'utf8');
}, 60_000);
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

function load() {
  const exposed: Record<string, unknown> = {};
  const invoked: unknown[][] = [];
  const listeners = new Map<string, Set<(...a: unknown[]) => void>>();
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void (exposed[key] = value) },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => {
        invoked.push(args);
        return { ok: true, value: null };
      },
      on: (channel: string, fn: (...a: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(fn);
      },
      removeListener: (channel: string, fn: (...a: unknown[]) => void) => void listeners.get(channel)?.delete(fn),
    },
  };
  const required: string[] = [];
  const module = { exports: {} };
  const sandbox = {
    module,
    exports: module.exports,
    require: (id: string) => {
      required.push(id);
      if (id !== 'electron') throw new Error(`the preload may not require ${id}`);
      return electron;
    },
  };
  vm.runInNewContext(code, sandbox, { filename: 'preload.cjs' });
  return { exposed, invoked, listeners, required };
}

describe('the preload bundle', () => {
  it('is tiny and carries no contract, schemas or libraries', () => {
    const bytes = Buffer.byteLength(code);
    expect(bytes).toBeLessThan(MAX_PRELOAD_BYTES);
    // No method names (the contract), no zod, no date library.
    expect(code).not.toMatch(/groups\.list|organisations\.create|ZodError|safeParse|date-fns|formatDistance/);
  });

  it('requires only electron and exposes exactly the bridge', () => {
    const { exposed, required } = load();
    expect(required).toEqual(['electron']);
    expect(Object.keys(exposed)).toEqual(['painopiste']);
    const bridge = exposed.painopiste as Record<string, unknown>;
    expect(Object.keys(bridge).sort()).toEqual(
      ['cancel', 'host', 'invoke', 'onBackendEvent', 'onProgress', 'openFile', 'printToPdf', 'saveFile'].sort(),
    );
    expect(bridge.host).toBe('electron');
  });

  it('sends every call on the one API channel and routes progress by subscription', async () => {
    const { exposed, invoked, listeners } = load();
    const bridge = exposed.painopiste as {
      invoke(m: unknown, i: unknown, id?: unknown): Promise<unknown>;
      cancel(id: unknown): Promise<unknown>;
      printToPdf(i: unknown): Promise<unknown>;
      onProgress(fn: (id: string, p: unknown) => void): () => void;
    };
    await bridge.invoke('groups.list', { q: 1 });
    await bridge.invoke('exchange.import', { contentBase64: 'x' }, 'call-1234567');
    await bridge.printToPdf({ html: '<p>x</p>' });
    await bridge.cancel('call-1234567');
    // Whatever the page passes as a name is sent as a string; the main process decides.
    await bridge.invoke({ toString: () => 'weird' }, {});
    expect(invoked).toEqual([
      [API_CHANNEL, 'groups.list', { q: 1 }, undefined],
      [API_CHANNEL, 'exchange.import', { contentBase64: 'x' }, 'call-1234567'],
      [API_CHANNEL, 'host.printToPdf', { html: '<p>x</p>' }, undefined],
      [CANCEL_CHANNEL, 'call-1234567'],
      [API_CHANNEL, 'weird', {}, undefined],
    ]);
    const seen: unknown[] = [];
    const unsubscribe = bridge.onProgress((id, p) => seen.push([id, p]));
    for (const fn of listeners.get(PROGRESS_CHANNEL)!) fn({ sender: 'ignored' }, 'call-1234567', { phase: 'writing' });
    unsubscribe();
    expect(listeners.get(PROGRESS_CHANNEL)!.size).toBe(0);
    // The IPC event object never reaches the page.
    expect(seen).toEqual([['call-1234567', { phase: 'writing' }]]);
  });
});
