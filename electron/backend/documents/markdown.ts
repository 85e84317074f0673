// Markdown (CommonMark + GFM tables) for a Doc. User text is escaped so that whatever renders the .md later
// (GitHub, an intranet wiki, an editor preview) shows it literally: no raw HTML, no entities, no links,
// no emphasis, no list or heading the user did not ask for. Escaping uses only backslash escapes of ASCII
// punctuation and numeric character references, both of which CommonMark guarantees to be literal, so the
// text round-trips exactly.

import { cleanText, ENGINE_LABELS, oneLine, validateDoc, type Block, type Doc, type TableBlock } from './model';

// Characters that are significant anywhere in a line: escapes, code spans, emphasis, links/images, raw HTML and
// autolinks, entities, GFM table pipes and strikethrough, and $ for renderers with math.
const INLINE_SIGNIFICANT = /[\\`*_[\]<>&|~$]/g;
// In headings a trailing "#" would be read as the optional closing sequence and vanish.
const INLINE_AND_HASH = /[\\`*_[\]<>&|~$#]/g;

/**
 * One line of user text, safe anywhere a line of Markdown inline content may go (paragraph line, list item,
 * heading, table cell). Also neutralises block syntax at the start of the line: headings, quotes, list
 * markers, setext underlines and thematic breaks, and indented code (leading blanks become character
 * references, which keep the spacing but cannot indent).
 */
export function escapeMarkdownLine(line: string, alsoEscape: '' | '#' = ''): string {
  const escaped = line.replace(alsoEscape ? INLINE_AND_HASH : INLINE_SIGNIFICANT, (c) => `\\${c}`);
  const lead = /^[ \t]*/.exec(escaped)?.[0] ?? '';
  let rest = escaped.slice(lead.length);
  if (/^[#>+\-=]/.test(rest)) rest = `\\${rest}`;
  // "12. " starts an ordered list; "12.3.2025" does not, so dates stay readable.
  else rest = rest.replace(/^(\d{1,9})([.)])(?=[ \t]|$)/, '$1\\$2');
  const leadRefs = [...lead].map((c) => (c === '\t' ? '&#9;' : '&#32;')).join('');
  return leadRefs + rest;
}

/**
 * Multi-line user text as one Markdown paragraph: lines joined by hard line breaks (backslash at the end of
 * the line). An empty line becomes a line holding only that backslash, which is still paragraph text, so the
 * paragraph (or list item) does not end there. Trailing empty lines are dropped: a backslash at the very end
 * of a paragraph would show literally. `indent` is the continuation indent of the enclosing item or quote.
 */
function multiline(text: string, indent = ''): string {
  return cleanText(text)
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => escapeMarkdownLine(line))
    .join(`\\\n${indent}`);
}

/** A table cell: one line (line breaks become spaces; GFM cells cannot hold block content). */
function cell(text: string): string {
  return escapeMarkdownLine(oneLine(text).trim()) || ' ';
}

function table(block: TableBlock): string {
  const lines: string[] = [];
  if (block.caption) lines.push(`**${escapeMarkdownLine(oneLine(block.caption))}**`, '');
  lines.push(`| ${block.header.map(cell).join(' | ')} |`);
  lines.push(`|${block.header.map(() => ' --- ').join('|')}|`);
  for (const row of block.rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
  return lines.join('\n');
}

function renderBlock(block: Block, doc: Doc): string {
  switch (block.kind) {
    case 'heading':
      // The document title is the only level-1 heading, as in HTML.
      return `${'#'.repeat(block.level + 1)} ${escapeMarkdownLine(oneLine(block.text), '#')}`;
    case 'paragraph': {
      const body = multiline(block.text);
      return block.tone === 'strong' ? `**${body}**` : block.tone === 'muted' ? `*${body}*` : body;
    }
    case 'keyValue':
      return block.items.map((i) => `- **${escapeMarkdownLine(oneLine(i.label))}:** ${multiline(i.value, '  ')}`).join('\n');
    case 'table':
      return table(block);
    case 'bulletList':
      return block.items.map((item) => `- ${multiline(item, '  ')}`).join('\n');
    case 'numberedList': {
      const start = block.start ?? 1;
      return block.items
        .map((item, i) => {
          const marker = `${start + i}. `;
          return marker + multiline(item, ' '.repeat(marker.length));
        })
        .join('\n');
    }
    case 'callout':
      return `> **${escapeMarkdownLine(oneLine(block.label))}**\\\n> ${multiline(block.text, '> ')}`;
    case 'signatures': {
      const parts: string[] = [];
      if (block.placeAndDate) parts.push(multiline(block.placeAndDate));
      for (const s of block.signers) {
        parts.push(`${escapeMarkdownLine(oneLine(s.name))}\\\n${escapeMarkdownLine(oneLine(s.role))}`);
      }
      return parts.join('\n\n');
    }
    case 'pageBreak':
      return '---';
    case 'figure': {
      // Markdown gets the description, never the SVG: an inline SVG would be raw HTML.
      const parts = [`**${ENGINE_LABELS[doc.lang].figure}:** ${multiline(block.alt)}`];
      if (block.caption) parts.push(multiline(block.caption));
      return parts.join('\n\n');
    }
  }
}

/** The document as Markdown text (LF line endings, trailing newline). */
export function renderMarkdown(doc: Doc): string {
  validateDoc(doc);
  const parts: string[] = [`# ${escapeMarkdownLine(oneLine(doc.title), '#')}`];
  if (doc.subtitle) parts.push(multiline(doc.subtitle));
  if (doc.meta.length) {
    parts.push(doc.meta.map((m) => `- **${escapeMarkdownLine(oneLine(m.label))}:** ${multiline(m.value, '  ')}`).join('\n'));
  }
  for (const block of doc.blocks) parts.push(renderBlock(block, doc));
  return `${parts.join('\n\n')}\n`;
}
