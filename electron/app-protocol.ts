import fs from 'node:fs';
import path from 'node:path';
import { APP_HOST } from './security';
import { CONTENT_SECURITY_POLICY, resolveStatic } from './web-policy';

/** Headers on every app:// response: the same policy browser mode sends. */
export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

function reply(status: number, body: BodyInit | null, type: string): Response {
  return new Response(body, { status, headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': type } });
}

/**
 * The app:// protocol handler: serves the renderer build and nothing else. Only GET/HEAD on our own
 * host; paths that would leave the build are 404; client-side routes fall back to index.html.
 */
export function serveAppRequest(rendererDir: string, request: { url: string; method: string }): Response {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return reply(400, 'Bad request', 'text/plain; charset=utf-8');
  }
  if (url.protocol !== 'app:' || url.host !== APP_HOST) return reply(404, 'Not found', 'text/plain; charset=utf-8');
  if (request.method !== 'GET' && request.method !== 'HEAD') return reply(405, 'Method not allowed', 'text/plain; charset=utf-8');
  const file = resolveStatic(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
  if (!file) return reply(404, 'Not found', 'text/plain; charset=utf-8');
  let target = file;
  if (!fs.existsSync(target) || !fs.statSync(target).isFile()) {
    if (path.extname(target)) return reply(404, 'Not found', 'text/plain; charset=utf-8');
    target = path.join(rendererDir, 'index.html');
  }
  const type = TYPES[path.extname(target)] ?? 'application/octet-stream';
  return reply(200, request.method === 'HEAD' ? null : fs.readFileSync(target), type);
}
