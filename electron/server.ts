import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { ApiResult } from '../shared/contract/core';
import type { CallOpts } from './backend-host/protocol';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS, resolveStatic } from './web-policy';

/**
 * Browser mode: the same backend over HTTP, for machines without the desktop runtime and for the
 * end-to-end tests. Loopback only, a per-launch token on every API call, the Host header checked
 * (against DNS rebinding), no CORS headers, bounded request bodies, files only from the renderer build.
 */
/** What the server needs of the backend: one call (a worker pool in browser mode, in-process in tests). */
export interface CallableBackend {
  call(method: string, input: unknown, opts?: CallOpts): Promise<ApiResult<unknown>>;
}

export interface ServerOptions {
  backend: CallableBackend;
  rendererDir: string;
  token: string;
  port?: number;
  maxBodyBytes?: number;
  /** Connections served at once; more are refused (a local page cannot exhaust the process). */
  maxConnections?: number;
  /** A client must send its headers within this time, and its whole request within requestTimeoutMs. */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
}

export interface RunningServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024 * 1024;
export const DEFAULT_MAX_CONNECTIONS = 64;
/** Longest URL answered; the renderer's own paths are short. */
export const MAX_URL_LENGTH = 8 * 1024;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...extra });
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown) {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8', { 'Cache-Control': 'no-store' });
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(Object.assign(new Error('too large'), { status: 413 }));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop keeping the body; the 413 goes out and the connection is closed after it.
        req.removeAllListeners('data');
        req.resume();
        reject(Object.assign(new Error('too large'), { status: 413 }));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

class InvalidEncodingError extends Error {}

/**
 * Strict UTF-8: a body with invalid byte sequences is refused (400) rather than stored with U+FFFD in
 * place of what the sender meant.
 */
function decodeUtf8(body: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new InvalidEncodingError('invalid UTF-8');
  }
}

/** `POST /api/-cancel {"callId"}` cancels a call that was sent with the call-id header. */
export const CANCEL_PATH = '-cancel';
export const CALL_ID_HEADER = 'x-painopiste-call';
const CALL_ID = /^[A-Za-z0-9-]{8,64}$/;

export function startServer(opts: ServerOptions): Promise<RunningServer> {
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  let port = 0;
  const indexFile = path.join(opts.rendererDir, 'index.html');
  /** Calls that asked for progress, by the id the page gave them, so the page can cancel them. */
  const running = new Map<string, AbortController>();

  /**
   * A call with progress: the answer is newline-delimited JSON, one `{"progress":…}` line per event
   * and a last `{"result":…}` line. Closing the connection early cancels the call (where safe).
   */
  async function streamCall(res: http.ServerResponse, callId: string, method: string, input: unknown) {
    const abort = new AbortController();
    running.set(callId, abort);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'application/x-ndjson; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    let finished = false;
    res.on('close', () => {
      if (!finished) abort.abort();
    });
    try {
      const result = await opts.backend.call(method, input, {
        signal: abort.signal,
        onProgress: (progress) => {
          if (!res.writableEnded) res.write(JSON.stringify({ progress }) + '\n');
        },
      });
      finished = true;
      res.end(JSON.stringify({ result }) + '\n');
    } finally {
      running.delete(callId);
    }
  }

  const headersTimeout = opts.headersTimeoutMs ?? 20_000;
  const server = http.createServer(
    // Slow or stalled clients are checked for often enough that headersTimeout takes effect.
    { connectionsCheckingInterval: Math.min(headersTimeout, 5_000), maxHeaderSize: 16 * 1024 },
    async (req, res) => {
      try {
        if ((req.url ?? '').length > MAX_URL_LENGTH) {
          res.setHeader('Connection', 'close');
          send(res, 414, 'URI too long', 'text/plain; charset=utf-8');
          return;
        }
        const host = req.headers.host ?? '';
        if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
          sendJson(res, 403, { ok: false, error: { code: 'forbidden', key: 'errors.forbidden', message: 'Forbidden host.' } });
          return;
        }
        const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
        if (url.pathname.startsWith('/api/')) {
          if (req.method !== 'POST') {
            sendJson(res, 405, { ok: false, error: { code: 'forbidden', key: 'errors.forbidden', message: 'Use POST.' } });
            return;
          }
          const auth = req.headers.authorization ?? '';
          const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
          if (!given || !sameToken(given, opts.token)) {
            sendJson(res, 401, {
              ok: false,
              error: { code: 'forbidden', key: 'errors.token', message: 'Missing or wrong token.' },
            });
            return;
          }
          if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
            sendJson(res, 415, { ok: false, error: { code: 'validation', key: 'errors.invalidInput', message: 'Send JSON.' } });
            return;
          }
          let input: unknown;
          try {
            const body = await readBody(req, maxBody);
            input = body.length ? JSON.parse(decodeUtf8(body)) : {};
          } catch (e) {
            const status = (e as { status?: number }).status ?? 400;
            if (status === 413) res.setHeader('Connection', 'close');
            const encoding = e instanceof InvalidEncodingError;
            sendJson(res, status, {
              ok: false,
              error: {
                code: 'validation',
                key: status === 413 ? 'errors.tooLarge' : encoding ? 'errors.invalidEncoding' : 'errors.invalidInput',
                message:
                  status === 413
                    ? 'The request is too large.'
                    : encoding
                      ? 'The request is not valid UTF-8 text, so nothing was stored.'
                      : 'The request is not valid JSON.',
              },
            });
            return;
          }
          const method = url.pathname.slice('/api/'.length);
          if (method === CANCEL_PATH) {
            const callId = (input as { callId?: unknown } | null)?.callId;
            if (typeof callId === 'string') running.get(callId)?.abort();
            sendJson(res, 200, { ok: true, value: null });
            return;
          }
          const callId = req.headers[CALL_ID_HEADER];
          if (typeof callId === 'string' && CALL_ID.test(callId) && !running.has(callId)) {
            await streamCall(res, callId, method, input);
            return;
          }
          sendJson(res, 200, await opts.backend.call(method, input));
          return;
        }
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8');
          return;
        }
        let file = resolveStatic(opts.rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
        if (!file) {
          send(res, 404, 'Not found', 'text/plain; charset=utf-8');
          return;
        }
        if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
          // Client-side routes fall back to the app; missing assets are 404s.
          if (path.extname(file)) {
            send(res, 404, 'Not found', 'text/plain; charset=utf-8');
            return;
          }
          file = indexFile;
        }
        const ext = path.extname(file);
        const extra: Record<string, string> = { 'Cache-Control': ext === '.html' ? 'no-store' : 'max-age=3600' };
        if (ext === '.html') extra['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
        send(res, 200, fs.readFileSync(file), MIME[ext] ?? 'application/octet-stream', extra);
      } catch (e) {
        if (!res.headersSent) send(res, 500, 'Internal error', 'text/plain; charset=utf-8');
        else res.destroy(e as Error);
      }
    },
  );
  server.headersTimeout = headersTimeout;
  server.requestTimeout = opts.requestTimeoutMs ?? 120_000;
  server.maxConnections = opts.maxConnections ?? DEFAULT_MAX_CONNECTIONS;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve({
        port,
        url: `http://127.0.0.1:${port}/`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
