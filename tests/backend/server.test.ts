import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../electron/server';
import { startTestBackend, tempDir, type TestBackend } from '../helpers/backend';

let t: TestBackend;
let server: RunningServer;
let root: string;
const TOKEN = 'test-token-0123456789';

/** A raw request, so tests control the Host header and see every response header. */
function request(opts: {
  method?: string;
  path: string;
  host?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: { host: opts.host ?? `127.0.0.1:${server.port}`, ...opts.headers },
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

const apiCall = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  request({
    method: 'POST',
    path: `/api/${method}`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...headers },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  t = await startTestBackend();
  root = tempDir('painopiste-renderer-');
  fs.mkdirSync(path.join(root, 'renderer', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'renderer', 'index.html'), '<!doctype html><title>app</title>');
  fs.writeFileSync(path.join(root, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'secret.txt'), 'do not serve');
  server = await startServer({
    backend: t.backend,
    rendererDir: path.join(root, 'renderer'),
    token: TOKEN,
    maxBodyBytes: 10_000,
  });
});
afterAll(async () => {
  await server.close();
  t.cleanup();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('browser-mode server', () => {
  it('listens on the loopback address only', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    const external = Object.values((await import('node:os')).networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) {
      const reachable = await new Promise<boolean>((resolve) => {
        const s = net.connect({ host: external.address, port: server.port }, () => {
          s.destroy();
          resolve(true);
        });
        s.on('error', () => resolve(false));
      });
      expect(reachable).toBe(false);
    }
  });

  it('answers API calls that carry the token', async () => {
    const r = await apiCall('groups.list', {});
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ ok: true, value: [] });
  });

  it('refuses calls without the token or with a wrong one (401)', async () => {
    expect((await apiCall('groups.list', {}, { authorization: '' })).status).toBe(401);
    expect((await apiCall('groups.list', {}, { authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
  });

  it('refuses a foreign Host header (403), which defeats DNS rebinding', async () => {
    expect((await apiCall('groups.list', {}, { host: 'evil.example:80' })).status).toBe(403);
    expect((await request({ path: '/', host: `attacker.test:${server.port}` })).status).toBe(403);
  });

  it('sends no CORS headers and refuses preflights', async () => {
    const r = await apiCall('groups.list', {}, { origin: 'http://evil.example' });
    expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    expect(
      (await request({ method: 'OPTIONS', path: '/api/groups.list', headers: { origin: 'http://evil.example' } })).status,
    ).toBe(405);
  });

  it('refuses non-JSON bodies and bodies over the cap', async () => {
    const form = await request({
      method: 'POST',
      path: '/api/groups.list',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${TOKEN}` },
      body: '{}',
    });
    expect(form.status).toBe(415);
    const big = await apiCall('organisations.create', { abbreviation: 'X', name: 'y'.repeat(20_000), kind: 'other' });
    expect(big.status).toBe(413);
    const broken = await request({
      method: 'POST',
      path: '/api/groups.list',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: '{nope',
    });
    expect(broken.status).toBe(400);
  });

  it('refuses a body that is not valid UTF-8 (400, with a sentence) and stores nothing', async () => {
    const before = JSON.parse((await apiCall('organisations.list', {})).body);
    const json = (name: Buffer) =>
      Buffer.concat([Buffer.from('{"abbreviation":"UTF","name":"'), name, Buffer.from('","kind":"other"}')]);
    for (const bad of [
      Buffer.from([0xff]), // never valid
      Buffer.from([0xc3]), // truncated two-byte sequence
      Buffer.from([0xed, 0xa0, 0x80]), // an encoded surrogate
      Buffer.from([0xc0, 0xaf]), // overlong '/'
    ]) {
      const r = await request({
        method: 'POST',
        path: '/api/organisations.create',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: json(Buffer.concat([Buffer.from('Poliisi'), bad])),
      });
      expect(r.status).toBe(400);
      const error = JSON.parse(r.body).error;
      expect(error.key).toBe('errors.invalidEncoding');
      expect(error.message).toMatch(/not valid UTF-8.*nothing was stored/);
    }
    expect(JSON.parse((await apiCall('organisations.list', {})).body)).toEqual(before);
    // Valid UTF-8 bytes, but a JSON escape for half a surrogate pair: no Unicode text, so refused too
    // (SQLite would store bytes that are not UTF-8). The check is the backend's, so IPC gets it too.
    for (const escaped of ['\\ud800', 'x\\udc00y', '\\udfff\\ud800']) {
      const r = await request({
        method: 'POST',
        path: '/api/organisations.create',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: json(Buffer.from(`Poliisi${escaped}`)),
      });
      // The backend's refusal, as every validation error it gives: ok false, with the sentence.
      expect(JSON.parse(r.body), escaped).toMatchObject({
        ok: false,
        error: { code: 'validation', key: 'errors.invalidEncoding' },
      });
    }
    const direct = await t.backend.call('organisations.create', { abbreviation: 'UTF', name: 'Poliisi\ud800', kind: 'other' });
    expect(direct).toMatchObject({ ok: false, error: { key: 'errors.invalidEncoding' } });
    expect(JSON.parse((await apiCall('organisations.list', {})).body)).toEqual(before);
    // A whole surrogate pair (an emoji as a JSON escape) is text and goes through.
    const pair = await request({
      method: 'POST',
      path: '/api/organisations.create',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: '{"abbreviation":"UTF2","name":"Poliisi \\ud83d\\ude93","kind":"other"}',
    });
    expect(pair.status).toBe(200);
    expect(JSON.parse(pair.body).value.name).toBe('Poliisi \u{1f693}');
    // Valid multi-byte text still goes through unchanged.
    const ok = await request({
      method: 'POST',
      path: '/api/organisations.create',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: json(Buffer.from('Länsi-Uudenmaan poliisilaitos – Ålands polismyndighet', 'utf8')),
    });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).value.name).toBe('Länsi-Uudenmaan poliisilaitos – Ålands polismyndighet');
  });

  it('serves the renderer with a strict CSP and never a file outside it', async () => {
    const index = await request({ path: '/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    expect(index.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect((await request({ path: '/assets/app.js' })).body).toBe('console.log(1)');
    for (const p of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%00',
      '/assets/%2e%2e/%2e%2e/secret.txt',
    ]) {
      const r = await request({ path: p });
      expect(r.body, p).not.toContain('do not serve');
    }
    expect((await request({ path: '/assets/missing.js' })).status).toBe(404);
    // Client-side routes fall back to the app.
    expect((await request({ path: '/groups/123' })).body).toContain('<title>app</title>');
  });
});
