import type { SuppressionScope } from '../domain/contacts.ts';
import { normaliseWords } from '../domain/words.ts';
import { headerKey } from './columns.ts';

/**
 * The columns in which CRMs and sequencers export that a person unsubscribed or objected, and the means each
 * covers (GDPR art. 21(2)-(3), L.34-5 CPCE: an unsubscribe told to one tool binds us once we hold it). Headers
 * normalised as in columns.ts. Brevo: BLACKLISTED / SMS_BLACKLISTED ("Blocklisted"); HubSpot: "Unsubscribed from
 * all email" / "Désabonné de tous les e-mails"; Pipedrive: "Marketing status" = Unsubscribed; lemlist:
 * "unsubscribed"; Salesforce: "Email Opt Out", "Do Not Call"; Excel sheets: "Désinscrit", "Opposition", "STOP SMS".
 */
const OPT_OUT_HEADERS: Record<string, SuppressionScope> = {
  blacklisted: 'email',
  'email blacklisted': 'email',
  'blacklisted email': 'email',
  blocklisted: 'email',
  'email blocklisted': 'email',
  'sms blacklisted': 'sms',
  'blacklisted sms': 'sms',
  'sms blocklisted': 'sms',
  'unsubscribed from all email': 'email',
  'opted out of all email': 'email',
  'desabonne de tous les e mails': 'email',
  'desabonne de tous les emails': 'email',
  'desinscrit de tous les e mails': 'email',
  'marketing status': 'email',
  'statut marketing': 'email',
  unsubscribed: 'email',
  desabonne: 'email',
  desinscrit: 'email',
  'email opt out': 'email',
  'has opted out of email': 'email',
  'opt out': 'email',
  optout: 'email',
  // HubSpot's export of unsubscribes and bounces: TRUE for an unsubscribe from all email, or a spam report (a
  // complaint is the plainest "stop"); its bounce columns say the address is dead, not that she objected.
  'portal unsubscribe': 'email',
  'portal spam report': 'email',
  'is unsubscribed': 'email',
  'do not call': 'phone',
  'ne pas appeler': 'phone',
  'stop sms': 'sms',
  'sms opt out': 'sms',
  opposition: 'all',
  'opposition prospection': 'all',
  'do not contact': 'all',
  'ne pas contacter': 'all',
};

/** The means an opt-out column covers, if the header is one. */
export function optOutColumn(header: string): SuppressionScope | undefined {
  return OPT_OUT_HEADERS[headerKey(header)];
}

/** Columns that say when the person unsubscribed: the objection is recorded at that date, not at the import's. */
const OPT_OUT_DATE_HEADERS = new Set([
  'unsubscribed at',
  'unsubscribe date',
  'unsubscribed date',
  'opted out at',
  'opt out date',
  'blacklisted at',
  'date de desinscription',
  'date de desabonnement',
  'date d opposition',
  'desinscrit le',
  'desabonne le',
]);

export function isOptOutDateColumn(header: string): boolean {
  return OPT_OUT_DATE_HEADERS.has(headerKey(header));
}

/** What the tools write for "yes, this person opted out", and for "no": anything else is not read as either. */
const YES = new Set([
  'yes',
  'oui',
  'true',
  'vrai',
  '1',
  'x',
  'unsubscribed',
  'desabonne',
  'desinscrit',
  'opted out',
  'blacklisted',
  'blocklisted',
  'oui desabonne',
]);
const NO = new Set([
  '',
  'no',
  'non',
  'false',
  'faux',
  '0',
  'subscribed',
  'abonne',
  'inscrit',
  'no consent',
  'archived',
  'pending',
  'opted in',
  'not subscribed',
]);

/** Whether the cell says the person opted out: true, false, or undefined when it says neither. */
export function optedOut(cell: string | undefined): boolean | undefined {
  const words = normaliseWords(cell ?? '');
  if (YES.has(words)) return true;
  // "Oui (par téléphone)", or the date she unsubscribed written in the column itself: a yes.
  if (YES.has(words.split(' ')[0] ?? '') && !NO.has(words)) return true;
  if (/^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}/.test((cell ?? '').trim())) return true;
  if (NO.has(words)) return false;
  return undefined;
}
