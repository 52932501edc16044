import { createHash } from 'node:crypto';
import { domainToUnicode } from 'node:url';
import type { Identifier } from './identifiers.ts';

/**
 * Another tool's hash of a person. Suppression lists travel hashed: Mailchimp names a member by the MD5 of her
 * lower-cased address, Google Customer Match and Meta take SHA-256 of the trimmed, lower-cased address (of the
 * E.164 number for phones), Brevo and the others exchange both. The register keeps keyed hashes (HMAC with its
 * own key), which no unkeyed hash can be turned into; so an objection known only by such a hash is kept under it
 * as a key of its own, `foreign:sha256:<hex>` or `foreign:md5:<hex>`, and matched when a person is looked up:
 * the hashes of the address or number asked about (and of her other ones) are computed the same way and looked
 * up beside her keyed hashes (`foreignKeysOf`, read by contacts.ts personHashes).
 */
export type HashAlgorithm = 'sha256' | 'md5';

const PREFIX = 'foreign:';
const HEX_LENGTH: Record<HashAlgorithm, number> = { sha256: 64, md5: 32 };

/** The suppression key of another tool's hash. */
export function foreignKey(algorithm: HashAlgorithm, hex: string): string {
  return `${PREFIX}${algorithm}:${hex.toLowerCase()}`;
}

/** Whether a suppression key is another tool's hash (and well formed), not one of the register's keyed hashes. */
export function isForeignKey(key: string): boolean {
  return /^foreign:(?:sha256:[0-9a-f]{64}|md5:[0-9a-f]{32})$/.test(key);
}

/**
 * A cell that is a hash, by its length: 64 hexadecimal digits are a SHA-256, 32 an MD5 (upper or lower case, with
 * or without a `sha256:`/`md5:` prefix, as the tools write them). Anything else is not a hash.
 */
export function readForeignHash(cell: string): { algorithm: HashAlgorithm; hex: string } | undefined {
  const text = cell.trim().toLowerCase();
  const match = /^(?:(sha256|sha-256|md5)\s*[:=]\s*)?([0-9a-f]+)$/.exec(text);
  if (!match) return undefined;
  const hex = match[2] as string;
  const named = match[1]?.replace('-', '') as HashAlgorithm | undefined;
  const algorithm = (Object.keys(HEX_LENGTH) as HashAlgorithm[]).find((a) => HEX_LENGTH[a] === hex.length);
  if (!algorithm || (named && named !== algorithm)) return undefined;
  return { algorithm, hex };
}

const digest = (algorithm: HashAlgorithm, text: string) => createHash(algorithm).update(text).digest('hex');

/**
 * The keys under which another tool's list may hold this address or number. An address as we keep it (lower
 * case, the domain in ASCII), and with its domain in Unicode when it has one (a tool may hash `société.fr` as
 * typed): SHA-256 and MD5. A number in E.164, with and without its `+` (Google writes it, Meta does not): SHA-256.
 */
export function foreignKeysOf(id: Identifier): string[] {
  if (id.kind === 'phone')
    return [id.value, id.value.replace(/^\+/, '')].map((text) =>
      foreignKey('sha256', digest('sha256', text)),
    );
  const at = id.value.lastIndexOf('@');
  const domain = id.value.slice(at + 1);
  const unicode = domainToUnicode(domain);
  const forms =
    unicode && unicode !== domain ? [id.value, `${id.value.slice(0, at)}@${unicode}`] : [id.value];
  return forms.flatMap((text) => [
    foreignKey('sha256', digest('sha256', text)),
    foreignKey('md5', digest('md5', text)),
  ]);
}
