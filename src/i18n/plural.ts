import type { Lang } from './lang.ts';

const rules: Record<Lang, Intl.PluralRules> = {
  fr: new Intl.PluralRules('fr-FR'),
  en: new Intl.PluralRules('en-GB'),
};

/** The end of a `{…}` group that starts at `open`, counting nested braces. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/**
 * Chooses the plural forms of a message, ICU style: `{count, plural, one {# doublon} other {# doublons}}`, with
 * `#` the number. French says "1 doublon, 0 doublon, 2 doublons"; English "1 duplicate, 0 duplicates".
 */
export function plurals(text: string, lang: Lang, vars: Record<string, string | number>): string {
  let out = '';
  let at = 0;
  for (let start = text.indexOf('{'); start >= 0; start = text.indexOf('{', at)) {
    const end = closing(text, start);
    if (end < 0) break;
    const head = /^\{(\w+), plural,/.exec(text.slice(start, end));
    out += text.slice(at, start);
    at = end + 1;
    if (!head) {
      out += text.slice(start, end + 1);
      continue;
    }
    const count = Number(vars[head[1] as string] ?? 0);
    const forms = new Map<string, string>();
    let body = text.slice(start + head[0].length, end);
    for (let m = /^\s*(=?\w+)\s*\{/.exec(body); m; m = /^\s*(=?\w+)\s*\{/.exec(body)) {
      const open = m[0].length - 1;
      const close = closing(body, open);
      forms.set(m[1] as string, body.slice(open + 1, close));
      body = body.slice(close + 1);
    }
    const form = forms.get(`=${count}`) ?? forms.get(rules[lang].select(count)) ?? forms.get('other') ?? '';
    out += form.replace(/#/g, String(count));
  }
  return out + text.slice(at);
}
