#!/usr/bin/env node
// Draws the app icon and writes it as SVG, PNG (16–1024 px), ICO (Windows) and ICNS (macOS) into
// resources/icons/. No image tools or downloads: the shape is computed per pixel (antialiased by
// supersampling) and the files are assembled by hand. Run: node build/make-icons.mjs
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'icons');

// The mark: a "focal point" (painopiste) — a white ring around a white dot on a deep blue rounded
// square, with a short white track leading to it. Coordinates on a 0..1 square.
const BLUE = [0, 52, 121]; // Suomi.fi brand blue
const WHITE = [255, 255, 255];

function roundedSquare(x, y) {
  const r = 0.2;
  const m = 0.04; // margin
  const dx = Math.max(Math.abs(x - 0.5) - (0.5 - m - r), 0);
  const dy = Math.max(Math.abs(y - 0.5) - (0.5 - m - r), 0);
  return Math.hypot(dx, dy) <= r;
}
function white(x, y) {
  const d = Math.hypot(x - 0.56, y - 0.44);
  const ring = d >= 0.2 && d <= 0.27;
  const dot = d <= 0.09;
  // The track: a thick line from the lower left toward the ring.
  const t = ((x - 0.2) * 0.7071 + (0.8 - y) * 0.7071) / 1;
  const off = Math.abs((x - 0.2) * 0.7071 - (0.8 - y) * 0.7071);
  const track = t >= 0 && t <= 0.29 && off <= 0.045;
  return ring || dot || track;
}

function render(size) {
  const S = 4; // supersampling per axis
  const px = Buffer.alloc(size * size * 4);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let a = 0;
      let w = 0;
      for (let sj = 0; sj < S; sj++) {
        for (let si = 0; si < S; si++) {
          const x = (i + (si + 0.5) / S) / size;
          const y = (j + (sj + 0.5) / S) / size;
          if (roundedSquare(x, y)) {
            a++;
            if (white(x, y)) w++;
          }
        }
      }
      const o = (j * size + i) * 4;
      const alpha = a / (S * S);
      const mix = a ? w / a : 0;
      for (let c = 0; c < 3; c++) px[o + c] = Math.round(BLUE[c] * (1 - mix) + WHITE[c] * mix);
      px[o + 3] = Math.round(alpha * 255);
    }
  }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size) {
  const px = render(size);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let j = 0; j < size; j++) px.copy(raw, j * (size * 4 + 1) + 1, j * size * 4, (j + 1) * size * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** ICO with PNG-compressed images (Windows Vista and later). */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, data } of images) {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0);
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt16LE(1, 4); // planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    entries.push(e);
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.data)]);
}

/** ICNS with PNG payloads: icp4 16, icp5 32, icp6 64, ic07 128, ic08 256, ic09 512, ic10 1024. */
function icns(images) {
  const types = { 16: 'icp4', 32: 'icp5', 64: 'icp6', 128: 'ic07', 256: 'ic08', 512: 'ic09', 1024: 'ic10' };
  const parts = images.map(({ size, data }) => {
    const h = Buffer.alloc(8);
    h.write(types[size], 0, 'ascii');
    h.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([h, data]);
  });
  const total = 8 + parts.reduce((n, p) => n + p.length, 0);
  const h = Buffer.alloc(8);
  h.write('icns', 0, 'ascii');
  h.writeUInt32BE(total, 4);
  return Buffer.concat([h, ...parts]);
}

const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="512" height="512">
  <title>Painopiste</title>
  <rect x="4" y="4" width="92" height="92" rx="20" fill="rgb(${BLUE.join(',')})"/>
  <circle cx="56" cy="44" r="23.5" fill="none" stroke="#fff" stroke-width="7"/>
  <circle cx="56" cy="44" r="9" fill="#fff"/>
  <line x1="20" y1="80" x2="34.5" y2="65.5" stroke="#fff" stroke-width="9"/>
</svg>
`;

fs.mkdirSync(out, { recursive: true });
const sizes = [16, 32, 48, 64, 128, 256, 512, 1024];
const pngs = Object.fromEntries(sizes.map((s) => [s, png(s)]));
for (const s of [16, 32, 48, 64, 128, 256, 512]) fs.writeFileSync(path.join(out, `${s}x${s}.png`), pngs[s]);
fs.writeFileSync(path.join(out, 'icon.png'), pngs[1024]);
fs.writeFileSync(path.join(out, 'icon.svg'), svg);
fs.writeFileSync(path.join(out, 'icon.ico'), ico([16, 32, 48, 64, 128, 256].map((size) => ({ size, data: pngs[size] }))));
fs.writeFileSync(
  path.join(out, 'icon.icns'),
  icns([16, 32, 64, 128, 256, 512, 1024].map((size) => ({ size, data: pngs[size] }))),
);
console.log(`Icons written to ${path.relative(process.cwd(), out)}`);
