import type { Channel } from '../domain/contacts.ts';
import { type Identifier, identifiersOf } from '../domain/identifiers.ts';
import { type Actor, mayEditContact } from '../policy/access.ts';
import type { DecisionLogEntry } from '../store/index.ts';
import { type Answer, answerNow } from './ask.ts';
import { versionOf } from './contactConsole.ts';
import type { AppContext } from './context.ts';
import { type ContactSheet, viewContact } from './lookup.ts';
import { optOut } from './record.ts';
import { contactById } from './registerSearch.ts';

/** The channels a page shows for each kind of identifier. */
const CHANNELS: Record<Identifier['kind'], Channel[]> = {
  email: ['email'],
  phone: ['sms', 'phone', 'automated-call'],
};

export interface ContactPage {
  sheet: ContactSheet;
  /** What each channel would answer now, for the person's first address and first number. */
  answers: Answer[];
  /** The questions asked about her (at any of her addresses and numbers, former ones too), newest first. */
  decisions: DecisionLogEntry[];
  /** Whether the actor may edit or merge her (her owner, or a compliance role): the forms are shown only then. */
  mayEdit: boolean;
  /** The record's fingerprint, carried by the Edit form: a form opened on another version is stale. */
  version: string;
}

/** The questions a page lists at most: the newest. */
export const DECISIONS_SHOWN = 50;

/** A contact's page in the console: the /prospect sheet (audited as a view) and each channel's answer now. */
export async function contactPage(ctx: AppContext, actor: Actor, id: string): Promise<ContactPage> {
  const contact = await contactById(ctx, actor, id);
  const ids = identifiersOf(contact);
  const sheet = await viewContact(ctx, actor, ids[0] as Identifier);
  const firsts = (['email', 'phone'] as const).flatMap((kind) => ids.find((i) => i.kind === kind) ?? []);
  const answers: Answer[] = [];
  for (const target of firsts)
    for (const channel of CHANNELS[target.kind])
      answers.push(await answerNow(ctx, { channel, target: target.value, askedBy: actor.id }));
  const hashes = [...ids.map((i) => ctx.store.hash(i)), ...(contact.formerHashes ?? [])];
  const { decisions } = await ctx.store.recordsAbout(hashes);
  return {
    sheet,
    answers,
    // Newest first; of two asked in the same millisecond, the one logged later.
    decisions: [...decisions]
      .reverse()
      .sort((a, b) => b.askedAt.localeCompare(a.askedAt))
      .slice(0, DECISIONS_SHOWN),
    mayEdit: mayEditContact(contact, actor.userId, actor.roles),
    version: versionOf(contact),
  };
}

/** An objection recorded from the console, for every identifier of the contact (as /optout does). */
export async function objectFromPage(
  ctx: AppContext,
  actor: Actor,
  id: string,
  fields: { channel?: string; reason?: string },
): Promise<void> {
  const contact = await contactById(ctx, actor, id);
  const first = identifiersOf(contact)[0] as Identifier;
  await optOut(ctx, {
    [first.kind]: first.value,
    channel: fields.channel && fields.channel !== 'all' ? fields.channel : undefined,
    reason: fields.reason,
    origin: actor.id,
  });
}
