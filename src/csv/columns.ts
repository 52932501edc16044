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

/** The contact field a header names ("Adresse e-mail" → email, "Tél. mobile" → phone), if any. */
export function columnFor(header: string): ContactColumn | undefined {
  const words = normaliseWords(header);
  // "collected_at" and "Collected at" alike.
  return BY_HEADER.get(words) ?? BY_HEADER.get(words.replace(/_/g, ' '));
}
