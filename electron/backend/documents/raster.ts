// SVG charts as PNG for DOCX, with resvg (the Rust SVG renderer, through @resvg/resvg-js). Word can show SVG
// only beside a PNG fallback and LibreOffice and older Word versions show only the PNG, so the PNG is what
// the reader sees. The SVGs are our own charts (matrix, indicator lines); resvg never runs scripts or
// fetches anything, and text is drawn with the system's sans-serif font.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface RasterImage {
  png: Uint8Array;
  /** Size in CSS pixels (the SVG's own size); the PNG itself is drawn at twice that for print. */
  width: number;
  height: number;
}

type ResvgModule = typeof import('@resvg/resvg-js');
let loaded: ResvgModule | null | undefined;

/**
 * resvg is a native addon, loaded with require (as better-sqlite3 is) so Electron finds it unpacked beside
 * the asar; where its binary is missing the document still renders, with the alt text instead.
 */
function resvg(): ResvgModule | null {
  if (loaded !== undefined) return loaded;
  try {
    loaded = createRequire(import.meta.url)('@resvg/resvg-js') as ResvgModule;
  } catch {
    loaded = null;
  }
  return loaded;
}

// A sans-serif font file the system has, by its usual file name (Windows, macOS, Linux). resvg's own
// fallback would draw the chart in a serif font where Arial is missing; scanning a handful of folders is
// also much faster than loading every system font.
const FONT_DIRS = [
  'C:\\Windows\\Fonts',
  '/System/Library/Fonts/Supplemental',
  '/Library/Fonts',
  '/System/Library/Fonts',
  '/usr/share/fonts/truetype/dejavu',
  '/usr/share/fonts/truetype/liberation',
  '/usr/share/fonts/truetype/crosextra',
  '/usr/share/fonts/TTF',
  '/usr/share/fonts/dejavu',
];
const FONT_FILES: Array<[file: string, family: string]> = [
  ['calibri.ttf', 'Calibri'],
  ['Carlito-Regular.ttf', 'Carlito'],
  ['arial.ttf', 'Arial'],
  ['Arial.ttf', 'Arial'],
  ['LiberationSans-Regular.ttf', 'Liberation Sans'],
  ['DejaVuSans.ttf', 'DejaVu Sans'],
  ['Helvetica.ttc', 'Helvetica'],
];
let sansFont: { file: string; family: string } | null | undefined;

function findSansFont(): { file: string; family: string } | null {
  if (sansFont !== undefined) return sansFont;
  sansFont = null;
  for (const [file, family] of FONT_FILES) {
    for (const dir of FONT_DIRS) {
      const candidate = path.join(dir, file);
      if (fs.existsSync(candidate)) return (sansFont = { file: candidate, family });
    }
  }
  return sansFont;
}

export async function rasteriseSvg(svg: string, scale = 2): Promise<RasterImage | null> {
  const mod = resvg();
  if (!mod) return null;
  try {
    const size = new mod.Resvg(svg, { font: { loadSystemFonts: false } });
    const width = Math.round(size.width);
    const height = Math.round(size.height);
    const sans = findSansFont();
    const image = new mod.Resvg(svg, {
      fitTo: { mode: 'width', value: width * scale },
      background: '#ffffff',
      font: sans
        ? { loadSystemFonts: false, fontFiles: [sans.file], defaultFontFamily: sans.family, sansSerifFamily: sans.family }
        : { loadSystemFonts: true },
    });
    return { png: new Uint8Array(image.render().asPng()), width, height };
  } catch {
    return null;
  }
}
