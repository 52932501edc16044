import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INPUT_PROBLEMS } from '../src/domain/errors.ts';
import { catalogue, hasMessage, t } from '../src/i18n.ts';

/**
 * The variables a message reads: `{name}` and the count of `{name, plural, …}`; a plural form's own braces
 * (`one {recipient}`) hold text, read for variables in turn, not a variable (i18n/plural.ts).
 */
function placeholders(text: string): string[] {
  const found: string[] = [];
  let depth = 0;
  let formsAt = -1; // the depth at which the forms of a plural open their braces
  for (const m of text.matchAll(/\{(\w+), plural,|\{(\w+)\}|\{|\}/g)) {
    if (m[1]) {
      found.push(m[1]);
      depth++;
      formsAt = depth;
    } else if (m[2] && depth !== formsAt) found.push(m[2]);
    else if (m[0] === '{') depth++;
    else if (m[0] === '}' && --depth < formsAt) formsAt = -1;
  }
  return [...new Set(found)].sort();
}

describe('the catalogue', () => {
  it('has every message in French and English, with the same placeholders', () => {
    for (const [key, message] of Object.entries(catalogue)) {
      expect(message.fr.trim(), key).not.toBe('');
      expect(message.en.trim(), key).not.toBe('');
      expect(new Set(placeholders(message.fr)), key).toEqual(new Set(placeholders(message.en)));
    }
  });

  it('has a message for every input problem', () => {
    expect(INPUT_PROBLEMS.filter((code) => !hasMessage(`problem_${code}`))).toEqual([]);
  });

  it('chooses plural forms as each language does', () => {
    const rows = (n: number, lang: 'fr' | 'en') =>
      t(lang, 'campaign_list', { recipients: n, rows: n, duplicates: n, invalid: n });
    expect(rows(1, 'fr')).toBe('1 destinataire (1 ligne, 1 doublon compté une fois, 1 invalide)');
    expect(rows(0, 'fr')).toBe('0 destinataire (0 ligne, 0 doublon compté une fois, 0 invalide)');
    expect(rows(2, 'fr')).toBe('2 destinataires (2 lignes, 2 doublons comptés une fois, 2 invalides)');
    expect(rows(1, 'en')).toBe('1 recipient (1 row, 1 duplicate counted once, 1 invalid)');
    expect(rows(0, 'en')).toBe('0 recipients (0 rows, 0 duplicates counted once, 0 invalid)');
  });
});

it('no French words outside the catalogue: user-facing text lives in src/i18n', () => {
  const src = resolve(import.meta.dirname, '..', 'src');
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
    );
  const found: string[] = [];
  for (const file of files(src)) {
    const path = relative(src, file);
    if (path.startsWith('i18n') || path.startsWith('slack/emulator/workspace')) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, '');
        if (/^\s*(\*|\/\*)/.test(code)) return; // a comment
        // A quoted string with French letters: a sentence someone will read.
        if (/(['"`])[^'"`]*[éèêàâçôûùî«»][^'"`]*\1/.test(code) && !/'à'/.test(code))
          found.push(`${path}:${i + 1}`);
      });
  }
  expect(found).toEqual([]);
});
