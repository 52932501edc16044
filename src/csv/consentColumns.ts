import { normaliseWords } from '../domain/words.ts';
import { columnFor } from './columns.ts';
import { headerLookup, scopeOfCell } from './suppressionColumns.ts';

/**
 * The headers of a file of consents with their proof (`import-consents`), as French and English exports and sheets
 * write them, normalised as in columns.ts ("Date du consentement" → "date du consentement"); the email and phone
 * columns are those of columns.ts. And the words such files use for a method and a channel.
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

const consentHeader = headerLookup(CONSENT_HEADERS);

/** The consent field a header names, if any: an email or phone column as contact imports read it. */
export function consentColumnFor(header: string): ConsentColumn | undefined {
  const contact = columnFor(header);
  return contact === 'email' || contact === 'phone' ? contact : consentHeader(header);
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
  const scope = scopeOfCell(cell);
  return scope && scope !== 'all' ? scope : cell;
}
