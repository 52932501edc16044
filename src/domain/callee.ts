import type { Contact } from './contacts.ts';
import { type Identifier, phoneRegion } from './identifiers.ts';
import { normaliseWords } from './words.ts';

/**
 * Where the person we would call lives, as far as we can tell: the country of the number (overseas departments
 * have their own country codes: RE, GP…), and the French département when the contact records it or a
 * metropolitan landline gives it away (03 87 Moselle, 03 88 Bas-Rhin, 03 89 Haut-Rhin).
 */
export interface Callee {
  /** ISO country of the number (FR, RE, DE…); undefined for an email address. */
  country?: string;
  /** A French département or overseas region (57, 67, 68, RE…), when known. */
  region?: string;
  /** The contact records a département we do not recognise ("988", "NC", "La Réunion"): where they live is unknown. */
  unrecognised?: string;
}

/** Metropolitan départements: 01–95 and Corsica's 2A/2B (20 is the old Corsican number, still typed). */
const METROPOLITAN = /^(0[1-9]|[1-8]\d|9[0-5]|2A|2B)$/;

const ALSACE_MOSELLE_LANDLINES: Record<string, string> = { '+33387': '57', '+33388': '67', '+33389': '68' };

/** Overseas départements and collectivities by their number (971…) or their code (RE…): the ISO code. */
const OVERSEAS: Record<string, string> = {
  '971': 'GP',
  '972': 'MQ',
  '973': 'GF',
  '974': 'RE',
  '975': 'PM',
  '976': 'YT',
  '977': 'BL',
  '978': 'MF',
  // Pacific collectivities: their own consumer law and time zones, outside the home regions (J4).
  '986': 'WF',
  '987': 'PF',
  '988': 'NC',
};
const OVERSEAS_CODES = new Set(Object.values(OVERSEAS));

/** Overseas places as people write them ("La Réunion", "Nouvelle-Calédonie"), accents and case ignored. */
const OVERSEAS_NAMES: Record<string, string> = {
  guadeloupe: 'GP',
  martinique: 'MQ',
  guyane: 'GF',
  'guyane francaise': 'GF',
  'la reunion': 'RE',
  reunion: 'RE',
  'ile de la reunion': 'RE',
  'saint pierre et miquelon': 'PM',
  mayotte: 'YT',
  'saint barthelemy': 'BL',
  'saint martin': 'MF',
  'wallis et futuna': 'WF',
  'polynesie francaise': 'PF',
  polynesie: 'PF',
  'nouvelle caledonie': 'NC',
};

/**
 * The code of a French département or overseas place as typed: "75", "2a", "974", "RE", "La Réunion"; undefined
 * when it is none of them (a typo, a foreign region).
 */
export function departmentCode(typed: string): string | undefined {
  const code = typed.trim().toUpperCase();
  if (METROPOLITAN.test(code)) return code;
  if (OVERSEAS[code] || OVERSEAS_CODES.has(code)) return code;
  return OVERSEAS_NAMES[normaliseWords(typed)];
}

/**
 * Where the person lives decides (D.223-9: "le fuseau horaire du consommateur"): a recorded département wins over
 * the number, so a Réunion resident with a metropolitan mobile is called in Réunion time.
 */
export function calleeOf(target: Identifier, contact: Contact | undefined): Callee {
  const typed = contact?.department?.trim();
  if (typed) {
    const department = departmentCode(typed);
    // Never guess mainland France for an unknown place: its time zone and its law may differ.
    if (!department) return { unrecognised: typed };
    const overseas = OVERSEAS[department] ?? (OVERSEAS_CODES.has(department) ? department : undefined);
    return overseas ? { country: overseas, region: overseas } : { country: 'FR', region: department };
  }
  if (target.kind !== 'phone') return {};
  // A stored number keeps only its E.164 form: its region is read again from it (+590 690… is Guadeloupe's).
  const country = target.region ?? phoneRegion(target.value) ?? 'FR';
  if (country !== 'FR') return { country, region: country };
  return { country, region: ALSACE_MOSELLE_LANDLINES[target.value.slice(0, 6)] };
}

/** Landlines of the other four zones (01 Île-de-France, 02, 04, 05) are not in Alsace-Moselle (03). */
const OUTSIDE_NORTH_EAST = /^\+33[1245]/;

/** A French mobile, a non-geographic or an 03 number says nothing about the département. */
export function regionUnknown(target: Identifier, callee: Callee): boolean {
  if (callee.region !== undefined) return false;
  if (target.kind !== 'phone') return true;
  return callee.country === 'FR' && !OUTSIDE_NORTH_EAST.test(target.value);
}
