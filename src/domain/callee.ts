import type { Contact } from './contacts.ts';
import type { Identifier } from './identifiers.ts';

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
}

const ALSACE_MOSELLE_LANDLINES: Record<string, string> = { '+33387': '57', '+33388': '67', '+33389': '68' };

export function calleeOf(target: Identifier, contact: Contact | undefined): Callee {
  if (target.kind !== 'phone') return { region: contact?.department };
  const country = target.region ?? 'FR';
  if (country !== 'FR') return { country, region: country };
  const byLine = ALSACE_MOSELLE_LANDLINES[target.value.slice(0, 6)];
  return { country, region: contact?.department ?? byLine };
}

/** Landlines of the other four zones (01 Île-de-France, 02, 04, 05) are not in Alsace-Moselle (03). */
const OUTSIDE_NORTH_EAST = /^\+33[1245]/;

/** A French mobile, a non-geographic or an 03 number says nothing about the département. */
export function regionUnknown(target: Identifier, callee: Callee): boolean {
  if (callee.region !== undefined) return false;
  if (target.kind !== 'phone') return true;
  return callee.country === 'FR' && !OUTSIDE_NORTH_EAST.test(target.value);
}
