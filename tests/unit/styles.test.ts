import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The stylesheet has no rule inside another rule. CSS nesting makes that valid syntax, so a missing
 * closing brace does not fail the build: it silently nests every later rule inside the unclosed one,
 * where none of them applies (which hid the materials' drop zone and more). Only at-rules such as
 * @media may hold rules.
 */
function nestedRules(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  const stack: Array<{ atRule: boolean }> = [];
  const problems: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '{') {
      const prelude = text.slice(start, i).trim();
      if (stack.length > 0 && !stack.at(-1)!.atRule) {
        const line = text.slice(0, i).split('\n').length;
        problems.push(`line ${line}: "${prelude}" is inside another rule`);
      }
      stack.push({ atRule: prelude.startsWith('@') });
      start = i + 1;
    } else if (ch === '}') {
      stack.pop();
      start = i + 1;
    } else if (ch === ';') {
      start = i + 1;
    }
  }
  if (stack.length > 0) problems.push(`${stack.length} block(s) never closed`);
  return problems;
}

describe('renderer stylesheet', () => {
  it('closes every rule: no rule is nested inside another', () => {
    const css = fs.readFileSync(path.resolve(__dirname, '../../renderer/app/styles.css'), 'utf8');
    expect(nestedRules(css)).toEqual([]);
  });

  it('catches a missing closing brace', () => {
    expect(nestedRules('.a {\n  margin: 0;\n.b {\n  color: red;\n}\n')).toEqual([
      'line 3: ".b" is inside another rule',
      '1 block(s) never closed',
    ]);
    expect(nestedRules('@media print {\n  .a { color: red; }\n}\n')).toEqual([]);
  });
});
