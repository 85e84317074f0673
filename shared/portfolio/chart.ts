/**
 * A small indicator chart (values per period against the target) as geometry, drawn as SVG both by
 * the renderer (React elements) and by the report (an SVG string through the document engine's sanitiser).
 */

export interface ChartInput {
  values: ReadonlyArray<{ period: string; value: number }>;
  target: number | null;
  width?: number;
  height?: number;
}

export interface ChartGeometry {
  width: number;
  height: number;
  /** Plot area. */
  left: number;
  right: number;
  top: number;
  bottom: number;
  points: Array<{ x: number; y: number; period: string; value: number }>;
  targetY: number | null;
  min: number;
  max: number;
}

export function chartGeometry({ values, target, width = 320, height = 140 }: ChartInput): ChartGeometry {
  const sorted = [...values].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  const left = 44;
  const right = width - 12;
  const top = 12;
  const bottom = height - 28;
  const numbers = sorted.map((v) => v.value);
  if (target !== null) numbers.push(target);
  let min = Math.min(0, ...numbers);
  let max = Math.max(...numbers, 0);
  if (max === min) max = min + 1;
  const pad = (max - min) * 0.08;
  max += pad;
  if (min < 0) min -= pad;
  const y = (v: number) => bottom - ((v - min) / (max - min)) * (bottom - top);
  const step = sorted.length > 1 ? (right - left) / (sorted.length - 1) : 0;
  const points = sorted.map((v, i) => ({
    x: sorted.length > 1 ? left + i * step : (left + right) / 2,
    y: y(v.value),
    period: v.period,
    value: v.value,
  }));
  return { width, height, left, right, top, bottom, points, targetY: target === null ? null : y(target), min, max };
}

const r = (n: number) => Math.round(n * 10) / 10;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The chart as an SVG string using only elements the document sanitiser allows. */
export function chartSvg(input: ChartInput, labels: { target: string }): string {
  const g = chartGeometry(input);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${g.width}" height="${g.height}" viewBox="0 0 ${g.width} ${g.height}">`,
  );
  parts.push(`<rect x="0" y="0" width="${g.width}" height="${g.height}" fill="#ffffff"/>`);
  parts.push(`<line x1="${g.left}" y1="${g.bottom}" x2="${g.right}" y2="${g.bottom}" stroke="#5f5f5f" stroke-width="1"/>`);
  parts.push(`<line x1="${g.left}" y1="${g.top}" x2="${g.left}" y2="${g.bottom}" stroke="#5f5f5f" stroke-width="1"/>`);
  parts.push(`<text x="${g.left - 4}" y="${g.bottom}" font-size="10" text-anchor="end" fill="#3d3d3d">${esc(fmt(g.min))}</text>`);
  parts.push(
    `<text x="${g.left - 4}" y="${g.top + 8}" font-size="10" text-anchor="end" fill="#3d3d3d">${esc(fmt(g.max))}</text>`,
  );
  if (g.targetY !== null) {
    parts.push(
      `<line x1="${g.left}" y1="${r(g.targetY)}" x2="${g.right}" y2="${r(g.targetY)}" stroke="#b34700" stroke-width="1.5" stroke-dasharray="5 3"/>`,
    );
    parts.push(
      `<text x="${g.right}" y="${r(g.targetY - 3)}" font-size="10" text-anchor="end" fill="#b34700">${esc(labels.target)}</text>`,
    );
  }
  if (g.points.length > 1) {
    parts.push(
      `<polyline points="${g.points.map((p) => `${r(p.x)},${r(p.y)}`).join(' ')}" fill="none" stroke="#2a6ebb" stroke-width="2"/>`,
    );
  }
  for (const p of g.points) {
    parts.push(`<circle cx="${r(p.x)}" cy="${r(p.y)}" r="3" fill="#2a6ebb"/>`);
  }
  const first = g.points[0];
  const last = g.points.at(-1);
  if (first)
    parts.push(
      `<text x="${r(first.x)}" y="${g.height - 10}" font-size="10" text-anchor="start" fill="#3d3d3d">${esc(first.period)}</text>`,
    );
  if (last && last !== first) {
    parts.push(
      `<text x="${r(last.x)}" y="${g.height - 10}" font-size="10" text-anchor="end" fill="#3d3d3d">${esc(last.period)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
