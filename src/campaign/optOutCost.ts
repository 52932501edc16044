import type { MessageFinding } from '../domain/campaign.ts';
import { type NumberTariff, numberTariff, SMS_PLUS_MAX_SURCHARGE } from '../domain/numberTariff.ts';
import { normaliseWords, phraseMatcher } from '../domain/words.ts';
import { hasMessage, type Lang, t } from '../i18n.ts';
import type { MessageCheck } from '../policy/schema.ts';

/**
 * An opt-out costs nothing beyond its transmission (CPCE L.34-5: "sans frais autres que ceux liés à la
 * transmission"; the CNIL fined €20,000 an opt-out by premium SMS, délibération 2011-384; CNIL, "La prospection
 * commerciale par SMS-MMS": STOP must stop the messages for free). Two checks: the number an SMS asks to write
 * STOP to, by its tariff class; and the sentence that tells how to unsubscribe, for a login or a payment.
 */

/** The words that may stand between STOP and its number, folded: "STOP au 36180", "Stop SMS au 0 899…". */
const BETWEEN = new Set([
  ...[
    'sms',
    'texto',
    'au',
    'a',
    'aux',
    'vers',
    'par',
    'numero',
    'n',
    'no',
    'court',
    'gratuit',
    'gratuitement',
  ],
  ...['to', 'at', 'on', 'by', 'via', 'number', 'short', 'code', 'free', 'text'],
]);
const STOP = /\bstop\b/giu;
/** A number as people write it: digit groups with single spaces, dots or dashes between them, "+33 (0)6 …". */
const NUMBER = /^(?:\+|00)?\s?\d+(?:\s?\(0\)\s?\d+)?(?:[ .\-\u00a0\u202f]\d+)*/u;
const SEPARATORS = /[ .\-\u00a0\u202f]+/;

/**
 * Where a number ends when more digits follow ("STOP au 36180 2 jours"): at the group boundary that makes a
 * whole number of its kind. International: the longest that reads as a number; national: 10 digits; short: 5
 * digits (SMS short codes), else 4 or 6.
 */
function wholeNumber(token: string): string {
  const groups = token
    .replace(/\s?\(0\)\s?/, ' ')
    .split(SEPARATORS)
    .filter(Boolean);
  const prefixes = groups.map((_, i) => groups.slice(0, i + 1).join(''));
  const last = prefixes.at(-1) ?? token;
  if (/^(\+|00)/.test(last))
    return [...prefixes].reverse().find((p) => numberTariff(p).range !== 'unreadable') ?? last;
  if (last.startsWith('0')) return prefixes.find((p) => p.length === 10) ?? last;
  for (const length of [5, 4, 6, 3, 2]) {
    const found = prefixes.find((p) => p.length === length);
    if (found) return found;
  }
  return last;
}

/** The number right after a STOP, if only words like "au" or "SMS" stand between them. */
function numberAfter(text: string): string | undefined {
  const at = text.search(/[+\d]/);
  if (at < 0) return undefined;
  const between = normaliseWords(text.slice(0, at)).split(' ').filter(Boolean);
  if (between.some((word) => !BETWEEN.has(word))) return undefined;
  const token = NUMBER.exec(text.slice(at))?.[0];
  return token ? wholeNumber(token) : undefined;
}

const euros = (amount: number, lang: Lang) =>
  new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(
    amount,
  );

/** Why a number costs more than its transmission, or may: its range in the plan, in the reader's words. */
function why(n: NumberTariff, lang: Lang): string {
  const key = `tariff_${n.range}`;
  if (!hasMessage(key)) return n.range;
  const max = n.prefix ? SMS_PLUS_MAX_SURCHARGE[n.prefix] : undefined;
  return t(lang, key, {
    prefix: n.prefix ?? '',
    tier: n.prefix ?? '',
    price: max === undefined ? '' : euros(max, lang),
  });
}

/**
 * Every number an SMS asks to write STOP to, classified: a surcharged one blocks the campaign; one whose
 * tariff the number does not tell is for the approver to check, and so is a STOP with no number (the reply goes
 * to the sending number, which the template does not show). Free and standard-rate numbers pass. No STOP at
 * all is the presence check's finding, not this one's.
 */
export function stopCostFindings(
  template: string,
  check: MessageCheck,
  mentions: string[],
  sms: boolean,
): MessageFinding[] {
  const numbers = new Map<string, NumberTariff>();
  const add = (written: string) => {
    const tariff = numberTariff(written);
    numbers.set(tariff.display, tariff);
  };
  let stops = 0;
  for (const match of template.matchAll(STOP)) {
    stops++;
    const written = numberAfter(template.slice(match.index + match[0].length));
    if (written !== undefined) add(written);
  }
  // "Pour vous désabonner, appelez le 0899…": a number the unsubscribe sentence sends the person to costs alike.
  for (const sentence of optoutSentences(template, mentions)) numbersIn(sentence).forEach(add);
  const finding = (severity: 'block' | 'review', text: (lang: Lang) => string): MessageFinding => ({
    rule: check.rule,
    element: check.element,
    message: { fr: text('fr'), en: text('en') },
    severity,
  });
  // An SMS's STOP with no number goes back to the sender; in an email, "stop" is only a word.
  if (sms && stops > 0 && numbers.size === 0)
    return [finding('review', (lang) => t(lang, 'campaign_stop_no_number'))];
  return [...numbers.values()]
    .filter((n) => n.tariff === 'surcharged' || n.tariff === 'unknown')
    .map((n) =>
      finding(n.tariff === 'surcharged' ? 'block' : 'review', (lang) =>
        t(lang, n.tariff === 'surcharged' ? 'campaign_stop_surcharged' : 'campaign_stop_unknown', {
          number: n.display,
          why: why(n, lang),
        }),
      ),
    );
}

/** The euro sign is no letter: it reads as the word "euro", in the template and in the policy's words. */
const words = (text: string) => normaliseWords(text.replace(/€/g, ' euro '));
const matcher = (phrase: string) => phraseMatcher(phrase.replace(/€/g, ' euro '));

/** The text without the phrases that say the opposite ("sans frais", "free of charge"). */
function without(text: string, phrases: string[]): string {
  return phrases.reduce((rest, phrase) => {
    const prefix = phrase.trim().endsWith('*');
    const folded = words(phrase.replace(/\*\s*$/, ''));
    if (!folded) return rest;
    // `folded` holds only [a-z0-9 ]: nothing to escape.
    return rest.replace(new RegExp(`(?:^| )${folded}${prefix ? '[a-z0-9]*' : ''}(?= |$)`, 'g'), ' ');
  }, text);
}

const MAX_QUOTE = 140;

/** The template's sentences, spaces made single. */
const sentencesOf = (template: string) =>
  template
    .split(/\r?\n|(?<=[.!?;])\s+/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter(Boolean);

/** The sentences that tell how to unsubscribe (they say one of `mentions`). */
function optoutSentences(template: string, mentions: string[]): string[] {
  const said = mentions.map(matcher);
  return sentencesOf(template).filter((sentence) => said.some((m) => m(words(sentence))));
}

/**
 * The phone numbers a sentence gives: a national (0…) or international (+…, 00…) one, or a short code of 4 to 6
 * digits (1xxx, 3xxx-9xxxx); not a year, a price or a count ("en 2 clics", "2026").
 */
function numbersIn(sentence: string): string[] {
  const found: string[] = [];
  for (const match of sentence.matchAll(/(?<![\w,/])(?:\+|00|0)?\d[\d .\-\u00a0\u202f()]*\d/gu)) {
    const token = NUMBER.exec(match[0])?.[0];
    if (!token) continue;
    const number = wholeNumber(token);
    const digits = number.replace(/\D/g, '');
    const phoneLike = /^(\+|00)/.test(number) || (digits.startsWith('0') && digits.length === 10);
    if (phoneLike || /^(1|[3-9])\d{3,5}$/.test(digits)) found.push(number);
  }
  return found;
}

/**
 * The sentence that tells how to unsubscribe, when it also says one of the forbidden words (a login, a
 * payment): "Pour vous désinscrire, connectez-vous à votre espace". A sentence ending with "?" or ":" is read
 * with the next one ("Plus envie de nos offres ? Connectez-vous…"). Undefined when no such sentence says so.
 */
export function forbiddenOptout(
  template: string,
  spec: NonNullable<MessageCheck['optout_sentence']>,
): string | undefined {
  const mentions = spec.mentions.map(matcher);
  const forbids = spec.forbids.map(matcher);
  const sentences = sentencesOf(template);
  for (const [i, sentence] of sentences.entries()) {
    if (!mentions.some((m) => m(words(sentence)))) continue;
    const next = sentences[i + 1];
    const told = /[?:]$/.test(sentence) && next ? `${sentence} ${next}` : sentence;
    const text = without(words(told), spec.except);
    if (forbids.some((f) => f(text)))
      return told.length > MAX_QUOTE ? `${told.slice(0, MAX_QUOTE - 1)}…` : told;
  }
  return undefined;
}
