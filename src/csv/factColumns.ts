import type { SuppressionScope } from '../domain/contacts.ts';
import { normaliseWords } from '../domain/words.ts';
import { columnFor } from './columns.ts';

/**
 * The headers of the files that bring facts in bulk: consents with their proof (`import-consents`) and another
 * tool's suppression list (`import-suppressions`), as French and English exports and sheets write them. Headers
 * are normalised as in columns.ts ("Date du consentement" → "date du consentement", "blockedAt" → "blockedat");
 * the email and phone columns are those of columns.ts.
 */

/** The fields of a consent a column can give (services/record.ts ConsentFields). */
export type ConsentColumn =
  | 'email'
  | 'phone'
  | 'channel'
  | 'purpose'
  | 'at'
  | 'method'
  | 'wording'
  | 'evidence'
  | 'capturedWhere'
  | 'until'
  | 'collectedBy'
  | 'namesUs'
  | 'slotStart'
  | 'slotEnd';

const CONSENT_HEADERS: Record<Exclude<ConsentColumn, 'email' | 'phone'>, string[]> = {
  channel: ['channel', 'canal', 'moyen', 'media', 'consent channel', 'canal du consentement', 'means'],
  purpose: ['purpose', 'finalite', 'finalite du consentement', 'consent purpose', 'objet du consentement'],
  at: [
    'date',
    'date du consentement',
    'date de consentement',
    'date consentement',
    'consent date',
    'consented at',
    'consent given at',
    'date given',
    'given at',
    'date de recueil',
    'recueilli le',
    'date opt in',
    'date d opt in',
    'opt in date',
    'optin date',
    'optin time',
    'confirm time',
  ],
  method: [
    'method',
    'methode',
    'consent method',
    'methode de recueil',
    'mode de recueil',
    'mode de consentement',
    'methode du consentement',
    'collection method',
  ],
  wording: [
    'wording',
    'wording version',
    'consent wording',
    'version',
    'version du texte',
    'version de la mention',
    'texte',
    'texte affiche',
    'texte presente',
    'texte du consentement',
    'text shown',
    'consent text',
    'libelle',
    'mention',
    'formulation',
  ],
  evidence: [
    'evidence',
    'evidence reference',
    'evidence ref',
    'proof',
    'proof reference',
    'preuve',
    'reference de preuve',
    'reference preuve',
    'ref preuve',
    'lien de preuve',
    'url de preuve',
    'identifiant de preuve',
    'justificatif',
  ],
  capturedWhere: [
    'source',
    'captured where',
    'where',
    'form',
    'page',
    'formulaire',
    'url du formulaire',
    'lieu de collecte',
    'lieu de recueil',
  ],
  until: [
    'until',
    'valid until',
    'expires',
    'expires at',
    'expiration',
    'date d expiration',
    'expire le',
    'valable jusqu au',
    'valide jusqu au',
    'fin de validite',
    'date de fin',
  ],
  collectedBy: ['collected by', 'collecte par', 'recueilli par', 'partner', 'partenaire', 'collecteur'],
  namesUs: ['names us', 'names the advertiser', 'nous nomme', 'nomme l annonceur', 'annonceur nomme'],
  slotStart: ['slot start', 'debut du creneau', 'debut creneau', 'creneau debut'],
  slotEnd: ['slot end', 'fin du creneau', 'fin creneau', 'creneau fin'],
};

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

function lookup<T extends string>(table: Record<T, string[]>): (header: string) => T | undefined {
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

const consentHeader = lookup(CONSENT_HEADERS);
const suppressionHeader = lookup(SUPPRESSION_HEADERS);

/** The consent field a header names, if any: an email or phone column as contact imports read it. */
export function consentColumnFor(header: string): ConsentColumn | undefined {
  const contact = columnFor(header);
  return contact === 'email' || contact === 'phone' ? contact : consentHeader(header);
}

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
 * The method ids of the shipped policy (params.accepted_consent_methods) as French and English files write them.
 * A pre-ticked box ("case pré-cochée") or the terms and conditions are no consent (CJEU C-673/17 Planet49): they
 * stay as written, and the policy refuses them.
 */
const METHOD_WORDS: Record<string, string> = {
  'case a cocher': 'checkbox',
  'case cochee': 'checkbox',
  'case cochee par la personne': 'checkbox',
  'tick box': 'checkbox',
  'ticked box': 'checkbox',
  'double opt in': 'double-opt-in',
  'double optin': 'double-opt-in',
  doi: 'double-opt-in',
  'double confirmation': 'double-opt-in',
  signature: 'signed',
  signe: 'signed',
  'signature electronique': 'signed',
  'enregistrement oral': 'oral-recorded',
  'oral enregistre': 'oral-recorded',
  'accord oral enregistre': 'oral-recorded',
  'oral recorded': 'oral-recorded',
  'email reply': 'email-reply',
  'reponse email': 'email-reply',
  'reponse par email': 'email-reply',
  'reponse par e mail': 'email-reply',
  'reponse a un e mail': 'email-reply',
};

/** A consent method as a file writes it, by its policy id when the words are one of them; else as written. */
export function consentMethodOf(cell: string): string {
  return METHOD_WORDS[normaliseWords(cell)] ?? cell;
}

/** A consent's channel as a file writes it ("E-mail", "Téléphone"), by its id; else as written (then refused). */
export function consentChannelOf(cell: string): string {
  const scope = SCOPE_WORDS[normaliseWords(cell)];
  return scope && scope !== 'all' ? scope : cell;
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
