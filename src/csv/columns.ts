import type { ContactField } from '../domain/errors.ts';

/** The contact fields a CSV column can fill (see services/record.ts ContactFields). */
export type ContactColumn = ContactField;
/**
 * Column headers people write, French and English, and the contact field each one fills (lower case, spaces as
 * underscores). Shared by contact imports and campaign recipient lists.
 */
export const COLUMNS: Record<string, ContactColumn> = {
  email: 'email',
  'e-mail': 'email',
  mail: 'email',
  courriel: 'email',
  phone: 'phone',
  telephone: 'phone',
  téléphone: 'phone',
  tel: 'phone',
  mobile: 'phone',
  name: 'name',
  nom: 'name',
  company: 'company',
  societe: 'company',
  société: 'company',
  entreprise: 'company',
  function: 'function',
  fonction: 'function',
  job: 'function',
  audience: 'audience',
  source: 'source',
  origine: 'source',
  collection: 'collection',
  collected_at: 'collectedAt',
  collecte: 'collectedAt',
  date_collecte: 'collectedAt',
  informed_at: 'informedAt',
  informe_le: 'informedAt',
  customer_since: 'customerSince',
  client_depuis: 'customerSince',
  customer_until: 'customerUntil',
  client_jusqu_au: 'customerUntil',
  relationship: 'relationship',
  relation: 'relationship',
  last_purchase_at: 'lastPurchaseAt',
  dernier_achat: 'lastPurchaseAt',
  products: 'products',
  produits: 'products',
  address_kind: 'addressKind',
  type_adresse: 'addressKind',
  department: 'department',
  departement: 'department',
  département: 'department',
  owner: 'owner',
  proprietaire: 'owner',
};
