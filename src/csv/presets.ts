import { type ContactColumn, headerWords } from './columns.ts';

/**
 * The export formats of the tools French sales teams use, as their help pages and their files name the columns
 * (French and English interfaces). Headers are normalised as in columns.ts (`headerKey`): lower case, no accents,
 * camelCase split ("companyName" → "company name"), Pipedrive's "Person - " / "Personne - " prefix removed.
 * What every file shares (Email, Prénom, Société…) is in columns.ts; a preset adds its tool's own names, the
 * columns that identify it, and the column that says when the tool first held the person (its creation date),
 * read as the collection date of the import unless told otherwise (`--collected-at-column`).
 *
 * Sources: HubSpot "Export your records" and the default contact properties (Record ID, Create Date, Contact
 * owner, Lifecycle stage, Became a Customer Date, Unsubscribed from all email; in French "ID de fiche
 * d'informations", "Date de création", "Propriétaire du contact", "Phase du cycle de vie"); Brevo "Exporter vos
 * contacts" (EMAIL, SMS, BLACKLISTED, SMS_BLACKLISTED, ADDED_TIME, MODIFIED_TIME); Pipedrive "Exporting data"
 * (Person - Email - Work, Person - Phone - Mobile, Person - Organization, Person - Owner, Person - Person
 * created, Person - Marketing status); lemlist's lead export (email, firstName, lastName, companyName, phone,
 * jobTitle, unsubscribed); Salesforce reports and Data Loader (First Name, Account Name, Title, Contact Owner,
 * Created Date, Email Opt Out, Do Not Call; FirstName, HasOptedOutOfEmail, DoNotCall, CreatedDate).
 */

export const PRESET_IDS = ['hubspot', 'brevo', 'pipedrive', 'lemlist', 'salesforce', 'excel'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

/** What a column of a tool's export is read as, beyond the contact fields. */
export type PresetColumn =
  | ContactColumn
  /** Read, not recorded: the summary says why (a CRM's lifecycle stage or legal-basis flag is not a fact we keep). */
  | 'lifecycle'
  | 'consentFlag'
  /** A CRM user (a name or an email), not a Slack member: owners here are Slack members. */
  | 'crmOwner';

export interface Preset {
  id: PresetId;
  /** The tool's name, as people write it. */
  name: string;
  /** Headers only this tool writes: two of them in a file say the file is its export. */
  signature: string[];
  /** The tool's own names for fields (normalised headers). */
  columns: Record<string, PresetColumn>;
  /** The columns that say when the tool first held the person, in order of preference. */
  createdAt: string[];
}

export const PRESETS: Record<PresetId, Preset> = {
  hubspot: {
    id: 'hubspot',
    name: 'HubSpot',
    signature: [
      'record id',
      'id de fiche d informations',
      'contact owner',
      'proprietaire du contact',
      'lifecycle stage',
      'phase du cycle de vie',
      'unsubscribed from all email',
      'desabonne de tous les e mails',
      'create date',
      'marketing contact status',
      'statut de contact marketing',
      'became a customer date',
      'date a laquelle le contact est devenu client',
    ],
    columns: {
      'phone number': 'phone',
      'numero de telephone': 'phone',
      'mobile phone number': 'phone',
      'numero de telephone mobile': 'phone',
      'company name': 'company',
      'nom de l entreprise': 'company',
      'job title': 'function',
      'intitule du poste': 'function',
      'contact owner': 'crmOwner',
      'proprietaire du contact': 'crmOwner',
      'create date': 'collectedAt',
      'date de creation': 'collectedAt',
      'became a customer date': 'customerSince',
      'date a laquelle le contact est devenu client': 'customerSince',
      'lifecycle stage': 'lifecycle',
      'phase du cycle de vie': 'lifecycle',
      'legal basis for processing contact s data': 'consentFlag',
      'base juridique du traitement des donnees du contact': 'consentFlag',
    },
    createdAt: ['create date', 'date de creation'],
  },
  brevo: {
    id: 'brevo',
    name: 'Brevo',
    signature: [
      'blacklisted',
      'sms blacklisted',
      'added time',
      'modified time',
      'contact id',
      'double opt in',
    ],
    columns: {
      sms: 'phone',
      'landline number': 'phone',
      whatsapp: 'phone',
      firstname: 'firstName',
      lastname: 'name',
      'added time': 'collectedAt',
      'double opt in': 'consentFlag',
      'opt in': 'consentFlag',
    },
    createdAt: ['added time'],
  },
  pipedrive: {
    id: 'pipedrive',
    name: 'Pipedrive',
    // Found before the prefix is removed: "Person - Name" is what says Pipedrive.
    signature: [
      'person name',
      'person email work',
      'person phone work',
      'person phone mobile',
      'person organization',
      'person owner',
      'person person created',
      'person marketing status',
      'personne nom',
      'personne e mail travail',
      'personne organisation',
      'personne proprietaire',
      'personne personne creee',
      'personne statut marketing',
    ],
    columns: {
      organization: 'company',
      organisation: 'company',
      owner: 'crmOwner',
      proprietaire: 'crmOwner',
      'person created': 'collectedAt',
      'personne creee': 'collectedAt',
      'job title': 'function',
      'intitule du poste': 'function',
    },
    createdAt: ['person created', 'personne creee'],
  },
  lemlist: {
    id: 'lemlist',
    name: 'lemlist',
    // lemlist writes its headers in camelCase: "firstName", "companyName" as written say lemlist (detectPreset).
    signature: [
      'linkedin url',
      'icebreaker',
      'lemlist id',
      'campaign name',
      'campaign id',
      'first name',
      'company name',
    ],
    columns: {
      'company name': 'company',
      'job title': 'function',
      phone: 'phone',
      'created at': 'collectedAt',
    },
    createdAt: ['created at'],
  },
  salesforce: {
    id: 'salesforce',
    name: 'Salesforce',
    signature: [
      'account name',
      'nom du compte',
      'contact owner',
      'created date',
      'email opt out',
      'do not call',
      'has opted out of email',
      'lead source',
      'origine de la piste',
    ],
    columns: {
      'account name': 'company',
      'nom du compte': 'company',
      title: 'function',
      titre: 'function',
      'contact owner': 'crmOwner',
      'proprietaire du contact': 'crmOwner',
      'created date': 'collectedAt',
      'date de creation': 'collectedAt',
      'mobile phone': 'phone',
    },
    createdAt: ['created date', 'date de creation'],
  },
  // A sheet kept by hand: the shared names of columns.ts, and no creation column (a sheet's "Date de création"
  // may be the row's, not the person's: only a column named for the collection is read as one).
  excel: { id: 'excel', name: 'Excel', signature: [], columns: {}, createdAt: [] },
};

/** The tool whose export the header is: the preset with the most of its signature headers, at least two. */
export function detectPreset(headers: string[]): PresetId | undefined {
  const present = new Set(headers.map(signatureKey));
  let best: { id: PresetId; hits: number } | undefined;
  let tie = false;
  for (const preset of Object.values(PRESETS)) {
    const hits = preset.signature.filter((h) => present.has(h)).length;
    if (hits < 2) continue;
    if (!best || hits > best.hits) [best, tie] = [{ id: preset.id, hits }, false];
    else if (hits === best.hits) tie = true;
  }
  return tie ? undefined : best?.id;
}

/** lemlist writes "firstName", "companyName": those count as its signature only written so, camelCase. */
const CAMEL_ONLY = new Set(['first name', 'company name']);

function signatureKey(header: string): string {
  const words = headerWords(header);
  return !CAMEL_ONLY.has(words) || /[a-z][A-Z]/.test(header) ? words : '';
}
