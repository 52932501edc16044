import type { ContactField } from '../domain/errors.ts';
import { normaliseWords } from '../domain/words.ts';

/** The contact fields a CSV column can fill (see services/contacts.ts ContactFields), and a first name. */
export type ContactColumn = ContactField | 'firstName';

/**
 * Column headers people and tools write (French Excel, HubSpot, Brevo, Google Sheets…), in one place for contact
 * imports and campaign lists. Keys are normalised: lower case, no accents, words separated by one space
 * ("Tél. mobile" → "tel mobile", "E-mail" → "e mail").
 */
const SYNONYMS: Record<ContactColumn, string[]> = {
  email: [
    'email',
    'e mail',
    'mail',
    'courriel',
    'mail pro',
    'email pro',
    'e mail pro',
    'adresse e mail',
    'adresse email',
    'adresse mail',
    'adresse electronique',
    'email professionnel',
    'e mail professionnel',
    'mail professionnel',
    'courriel professionnel',
    'email address',
    'e mail address',
    'work email',
    'business email',
    'emails',
  ],
  phone: [
    'phone',
    'telephone',
    'tel',
    'mobile',
    'portable',
    'tel mobile',
    'tel portable',
    'telephone mobile',
    'telephone portable',
    'numero de telephone',
    'numero de telephone mobile',
    'numero de mobile',
    'numero',
    'tel pro',
    'telephone professionnel',
    'ligne directe',
    'direct line',
    'gsm',
    'phone number',
    'mobile phone',
    'mobile phone number',
    'mobile number',
    'sms',
    'cell',
  ],
  name: [
    'name',
    'nom',
    'last name',
    'lastname',
    'nom de famille',
    'full name',
    'nom complet',
    'contact name',
    'surname',
  ],
  firstName: ['prenom', 'first name', 'firstname', 'given name'],
  company: [
    'company',
    'societe',
    'entreprise',
    'raison sociale',
    'company name',
    'nom de l entreprise',
    'nom entreprise',
    'organisation',
    'organization',
    'account name',
    'compte',
  ],
  function: [
    'function',
    'fonction',
    'job',
    'job title',
    'title',
    'poste',
    'intitule de poste',
    'intitule du poste',
    'titre',
  ],
  audience: ['audience'],
  addressKind: ['address kind', 'type adresse', 'type d adresse'],
  department: ['department', 'departement', 'dept'],
  source: ['source', 'origine'],
  collection: ['collection'],
  collectedAt: ['collected at', 'collecte', 'date collecte', 'date de collecte'],
  informedAt: ['informed at', 'informe le', 'date information'],
  customerSince: ['customer since', 'client depuis'],
  customerUntil: ['customer until', 'client jusqu au'],
  relationship: ['relationship', 'relation'],
  lastPurchaseAt: ['last purchase at', 'dernier achat', 'date dernier achat'],
  products: ['products', 'produits'],
  owner: ['owner', 'proprietaire', 'contact owner'],
};

const BY_HEADER = new Map<string, ContactColumn>(
  Object.entries(SYNONYMS).flatMap(([field, names]) =>
    names.map((n) => [n, field as ContactColumn] as const),
  ),
);

/**
 * A header as columns are looked up: normalised (columns of every tool alike), camelCase split ("companyName",
 * "HasOptedOutOfEmail"), and Pipedrive's "Person - " / "Personne - " prefix removed ("Person - Email - Work" →
 * "email work").
 */
export function headerKey(header: string): string {
  return headerWords(header).replace(/^(person|personne) (?=\S)/, (prefix) =>
    header.includes(' - ') ? '' : prefix,
  );
}

/** A header normalised, camelCase split, prefix kept: what says which tool wrote the file (presets.ts). */
export function headerWords(header: string): string {
  return normaliseWords(header.replace(/([a-z])([A-Z])/g, '$1 $2'));
}

/** Words that say an address or number is the person's work one, or her own (which one to read first). */
const PRO_WORDS = new Set([
  'pro',
  'professionnel',
  'professionnelle',
  'work',
  'travail',
  'bureau',
  'business',
  'office',
]);
const PERSONAL_WORDS = new Set([
  'perso',
  'personnel',
  'personnelle',
  'personal',
  'home',
  'domicile',
  'private',
  'prive',
  'privee',
]);
const OTHER_WORDS = new Set([
  'other',
  'autre',
  'mobile',
  'portable',
  'direct',
  'principal',
  'primary',
  'secondaire',
]);

export type IdentifierUse = 'pro' | 'personal' | 'unsaid';

/**
 * The contact field a header names ("Adresse e-mail" → email, "Tél. mobile" → phone, "Email - Work" → email),
 * if any, and for an address or a number whether the header says it is a work or a personal one.
 */
export function columnOf(header: string): { field: ContactColumn; use: IdentifierUse } | undefined {
  const key = headerKey(header);
  const words = key.split(' ');
  const use: IdentifierUse = words.some((w) => PRO_WORDS.has(w))
    ? 'pro'
    : words.some((w) => PERSONAL_WORDS.has(w))
      ? 'personal'
      : 'unsaid';
  const field = BY_HEADER.get(key);
  if (field) return { field, use };
  // "E-mail - Travail", "Phone home": an identifier with words that only say whose it is.
  const core = words.filter((w) => !PRO_WORDS.has(w) && !PERSONAL_WORDS.has(w) && !OTHER_WORDS.has(w));
  const bare = BY_HEADER.get(core.join(' '));
  return bare === 'email' || bare === 'phone' ? { field: bare, use } : undefined;
}

/** The contact field a header names, if any. */
export function columnFor(header: string): ContactColumn | undefined {
  return columnOf(header)?.field;
}
