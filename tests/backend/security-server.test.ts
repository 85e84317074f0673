import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../electron/server';
import { CONTENT_SECURITY_POLICY } from '../../electron/web-policy';
import { startTestBackend, tempDir, type TestBackend } from '../helpers/backend';

/**
 * Browser mode against a hostile local client, beyond tests/backend/server.test.ts: HEAD, very long
 * URLs, stalled (slowloris) clients, a flood of connections, odd methods and paths.
 */
let t: TestBackend;
let server: RunningServer;
let root: string;
const TOKEN = 'security-token-0123456789';
const MAX_CONNECTIONS = 8;

function request(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string; agent?: http.Agent }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: opts.method ?? 'GET',
        path: opts.path,
        agent: opts.agent ?? false,
        headers: { host: `127.0.0.1:${server.port}`, ...opts.headers },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

/** A raw socket: resolves with everything the server sent once it closes the connection. */
function rawSocket(payload: string, waitMs = 5_000) {
  return new Promise<{ data: string; closedByServer: boolean }>((resolve) => {
    let data = '';
    const s = net.connect({ host: '127.0.0.1', port: server.port }, () => s.write(payload));
    const timer = setTimeout(() => {
      s.destroy();
      resolve({ data, closedByServer: false });
    }, waitMs);
    s.on('data', (c: Buffer) => (data += c.toString()));
    s.on('close', () => {
      clearTimeout(timer);
      resolve({ data, closedByServer: true });
    });
    s.on('error', () => {});
  });
}

beforeAll(async () => {
  t = await startTestBackend();
  root = tempDir('painopiste-server-sec-');
  fs.mkdirSync(path.join(root, 'renderer'), { recursive: true });
  fs.writeFileSync(path.join(root, 'renderer', 'index.html'), '<!doctype html><title>app</title>');
  server = await startServer({
    backend: t.backend,
    rendererDir: path.join(root, 'renderer'),
    token: TOKEN,
    maxConnections: MAX_CONNECTIONS,
    headersTimeoutMs: 600,
    requestTimeoutMs: 1_500,
  });
});
afterAll(async () => {
  await server.close();
  t.cleanup();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('browser-mode server under hostile clients', () => {
  it('answers HEAD with the headers of GET (CSP included) and no body', async () => {
    const res = await request({ method: 'HEAD', path: '/' });
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toBe('');
    expect((await request({ method: 'HEAD', path: '/api/app.info' })).status).toBe(405);
  });

  it('refuses very long URLs and oversized headers, and keeps serving', async () => {
    expect((await request({ path: `/${'a'.repeat(10_000)}` })).status).toBe(414);
    const huge = await rawSocket(`GET /${'a'.repeat(100_000)} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n\r\n`);
    expect(huge.data).toMatch(/^HTTP\/1\.1 (414|431|400)/);
    const headers = await rawSocket(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nX-Big: ${'b'.repeat(40_000)}\r\n\r\n`);
    expect(headers.data).toMatch(/^HTTP\/1\.1 431/);
    expect((await request({ path: '/' })).status).toBe(200);
  });

  it('drops a client that never finishes its headers (slowloris)', async () => {
    const stalled = await rawSocket(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nX-Slow: 1\r\n`, 15_000);
    expect(stalled.closedByServer).toBe(true);
    expect(stalled.data).toMatch(/^(HTTP\/1\.1 408|)/);
  });

  it('drops a client that never finishes its body', async () => {
    const stalled = await rawSocket(
      `POST /api/app.info HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: Bearer ${TOKEN}\r\n` +
        `Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":`,
      15_000,
    );
    expect(stalled.closedByServer).toBe(true);
  });

  it('bounds concurrent connections and recovers when they go away', async () => {
    const sockets: net.Socket[] = [];
    const closed: boolean[] = [];
    await Promise.all(
      Array.from({ length: MAX_CONNECTIONS + 12 }, (_, i) => {
        return new Promise<void>((resolve) => {
          const s = net.connect({ host: '127.0.0.1', port: server.port }, () => resolve());
          s.on('close', () => (closed[i] = true));
          s.on('error', () => resolve());
          sockets.push(s);
        });
      }),
    );
    await new Promise((r) => setTimeout(r, 300));
    // The connections over the limit were closed by the server at once.
    expect(closed.filter(Boolean).length).toBeGreaterThanOrEqual(12);
    for (const s of sockets) s.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const res = await request({
      method: 'POST',
      path: '/api/app.info',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(200);
  });

  it('refuses odd methods and paths without leaking anything', async () => {
    for (const method of ['PUT', 'DELETE', 'TRACE', 'PATCH']) {
      const res = await request({ method, path: '/' });
      expect(res.status, method).toBe(405);
    }
    for (const p of ['/%', '/%E0%A4%A', '/..%00/etc/passwd', '//etc/passwd', '/./../../etc/passwd', '/assets/../../x.js']) {
      const res = await request({ path: p });
      expect([200, 400, 404], p).toContain(res.status);
      expect(res.body, p).not.toMatch(/root:|Error|at \w+ \(/);
    }
    const api = await request({
      method: 'POST',
      path: '/api/__proto__',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(JSON.parse(api.body)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
