import type { SuppressionScope } from '../domain/contacts.ts';
import { normaliseWords } from '../domain/words.ts';
import { columnFor } from './columns.ts';

/**
 * The headers of another tool's suppression list (`import-suppressions`), as French and English exports write
 * them, normalised as in columns.ts ("blockedAt" → "blockedat", "Date de désinscription" → "date de
 * desinscription"); the email and phone columns are those of columns.ts. And what its cells say: a means, a reason.
 */

/**
 * The columns of a suppression list: identifiers (or their hashes), when, on which means, and why; `person` is
 * the one column of a bare list without a header (an address, a number or a hash a line).
 */
export type SuppressionColumn =
  | 'email'
  | 'phone'
  | 'emailHash'
  | 'phoneHash'
  | 'person'
  | 'at'
  | 'scope'
  | 'reason';

const SUPPRESSION_HEADERS: Record<Exclude<SuppressionColumn, 'email' | 'phone' | 'person'>, string[]> = {
  // A bare "hash" is an address's: Mailchimp, Brevo and Customer Match lists hash addresses.
  emailHash: [
    'hash',
    'hashed',
    'sha256',
    'sha 256',
    'md5',
    'empreinte',
    'email hash',
    'hashed email',
    'hashed email address',
    'email sha256',
    'sha256 email',
    'email sha 256',
    'email md5',
    'md5 email',
    'hash email',
    'email hashed',
    'subscriber hash',
    'empreinte email',
    'empreinte e mail',
  ],
  phoneHash: [
    'phone hash',
    'hashed phone',
    'hashed phone number',
    'phone sha256',
    'sha256 phone',
    'phone sha 256',
    'telephone hash',
    'empreinte telephone',
  ],
  at: [
    'date',
    'unsubscribed at',
    'unsubscribedat',
    'unsubscribe date',
    'unsubscription date',
    'unsub time',
    'unsub date',
    'opt out date',
    'optout date',
    'opted out at',
    'blocked at',
    'blockedat',
    'blocklisted at',
    'blacklisted at',
    'date blacklist',
    'date de desinscription',
    'date desinscription',
    'date de desabonnement',
    'date desabonnement',
    'date d opposition',
    'date opposition',
    'date de blocage',
    'last changed',
  ],
  scope: ['scope', 'channel', 'canal', 'moyen', 'media', 'type', 'portee', 'canal concerne'],
  reason: [
    'reason',
    'reason code',
    'unsub reason',
    'blocking reason',
    'motif',
    'motif de blocage',
    'motif du blocage',
    'raison',
    'cause',
    'status',
    'statut',
    'email status',
    'subscription status',
  ],
};

/** A reader of headers by a table of normalised names. */
export function headerLookup<T extends string>(
  table: Record<T, string[]>,
): (header: string) => T | undefined {
  const byHeader = new Map<string, T>(
    (Object.entries(table) as [T, string[]][]).flatMap(([field, names]) =>
      names.map((n) => [n, field] as const),
    ),
  );
  return (header) => {
    const words = normaliseWords(header);
    return byHeader.get(words) ?? byHeader.get(words.replace(/_/g, ' '));
  };
}

const suppressionHeader = headerLookup(SUPPRESSION_HEADERS);

/** What a column of a suppression list holds, if the header says. */
export function suppressionColumnFor(header: string): SuppressionColumn | undefined {
  const own = suppressionHeader(header);
  if (own) return own;
  const contact = columnFor(header);
  return contact === 'email' || contact === 'phone' ? contact : undefined;
}

/** The means a cell of a scope column names, in French or English, if it names one. */
const SCOPE_WORDS: Record<string, SuppressionScope> = {
  email: 'email',
  'e mail': 'email',
  emails: 'email',
  mail: 'email',
  courriel: 'email',
  sms: 'sms',
  texto: 'sms',
  text: 'sms',
  phone: 'phone',
  telephone: 'phone',
  tel: 'phone',
  call: 'phone',
  calls: 'phone',
  appel: 'phone',
  appels: 'phone',
  'automated call': 'automated-call',
  'automated calls': 'automated-call',
  'appel automatise': 'automated-call',
  'appels automatises': 'automated-call',
  messaging: 'messaging',
  messagerie: 'messaging',
  whatsapp: 'messaging',
  post: 'post',
  postal: 'post',
  courrier: 'post',
  all: 'all',
  tout: 'all',
  tous: 'all',
  toutes: 'all',
  'all channels': 'all',
  'tous canaux': 'all',
  'tous les canaux': 'all',
  global: 'all',
};

export function scopeOfCell(cell: string): SuppressionScope | undefined {
  return SCOPE_WORDS[normaliseWords(cell)];
}

/**
 * Rows of a suppression list that are not objections, by what their reason or status column says: an address
 * that bounced (it does not exist; nobody objected, GDPR art. 5(1)(d)), or a person still subscribed or pending.
 * Anything else (an unsubscribe, a spam complaint, a block by an admin, a reason in the person's words) is one.
 */
const NOT_OBJECTIONS = new Set([
  'hard bounce',
  'hardbounce',
  'hard bounced',
  'hard bounces',
  'soft bounce',
  'softbounce',
  'bounce',
  'bounced',
  'cleaned',
  'invalid',
  'invalid email',
  'adresse invalide',
  'npai',
  'rebond',
  'rebond dur',
  'rebond permanent',
  'subscribed',
  'abonne',
  'inscrit',
  'opted in',
  'pending',
  'en attente',
]);

export function notAnObjection(reason: string): boolean {
  return NOT_OBJECTIONS.has(normaliseWords(reason));
}
