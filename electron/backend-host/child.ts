/**
 * THE backend entry: the same file runs in a worker thread (browser mode, built to
 * dist/node/backend.js) and in an Electron utility process (desktop, dist/electron/backend.cjs); a
 * process forked by Node (tests) works too. It finds its parent, then serves the protocol.
 */
import { parentPort } from 'node:worker_threads';
import { openBackend, openReadReplica } from '../backend';
import { serveBackend, type ChildMessage, type ChildPort, type HostMessage } from './protocol';

interface ElectronParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

function findParent(): ChildPort {
  if (parentPort) {
    const port = parentPort;
    return {
      post: (m: ChildMessage) => port.postMessage(m),
      onMessage: (fn) => port.on('message', (m: HostMessage) => fn(m)),
      exit: () => port.close(),
    };
  }
  const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      post: (m) => electronPort.postMessage(m),
      onMessage: (fn) => electronPort.on('message', (e) => fn(e.data as HostMessage)),
      exit: () => process.exit(0),
    };
  }
  if (process.send) {
    const send = process.send.bind(process);
    return {
      post: (m) => void send(m),
      onMessage: (fn) => process.on('message', (m) => fn(m as HostMessage)),
      exit: () => process.exit(0),
    };
  }
  throw new Error('The backend entry must be started by Painopiste (no parent to talk to).');
}

serveBackend(findParent(), async (role, options, log) => {
  if (role === 'reader') return openReadReplica({ ...options, log });
  return openBackend({ ...options, log });
});
