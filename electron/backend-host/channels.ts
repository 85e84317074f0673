import { fork } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import type { ChildChannel, ChildMessage, HostMessage } from './protocol';

/**
 * Channels to a backend child, for Node: a worker thread (browser mode) and a forked process (the
 * crash tests kill it with SIGKILL; it stands in for Electron's utility process, which main.ts adapts
 * the same way in app-setup.ts).
 */
export function workerChannel(entry: string, name: string): ChildChannel {
  const worker = new Worker(entry, { name, stdout: false, stderr: false });
  const exits: Array<(code: number | null) => void> = [];
  let exited: number | null | undefined;
  worker.on('exit', (code) => {
    exited = code;
    for (const fn of exits) fn(code);
  });
  // An uncaught error ends the worker; 'exit' follows and is what the host acts on.
  worker.on('error', () => {});
  return {
    post: (m: HostMessage) => worker.postMessage(m),
    onMessage: (fn) => worker.on('message', (m: ChildMessage) => fn(m)),
    onExit: (fn) => {
      if (exited !== undefined) fn(exited);
      else exits.push(fn);
    },
    kill: () => void worker.terminate(),
    sharedMemory: true,
  };
}

export function processChannel(entry: string): ChildChannel & { pid: number | undefined } {
  const child = fork(entry, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exits: Array<(code: number | null) => void> = [];
  let exited: number | null | undefined;
  child.on('exit', (code) => {
    exited = code;
    for (const fn of exits) fn(code);
  });
  child.on('error', () => {});
  return {
    pid: child.pid,
    post: (m: HostMessage) => {
      if (child.connected) child.send(m);
    },
    onMessage: (fn) => child.on('message', (m) => fn(m as ChildMessage)),
    onExit: (fn) => {
      if (exited !== undefined) fn(exited);
      else exits.push(fn);
    },
    kill: () => void child.kill('SIGKILL'),
    sharedMemory: false,
  };
}
