import { z } from 'zod';
import { CHANNELS } from '../domain/contacts.ts';
import { text } from './textSchema.ts';

/** One element a campaign message must carry, checked on the template or call script. */
export const messageCheck = z
  .object({
    rule: z.string(),
    element: z.string().regex(/^[a-z0-9-]+$/),
    channels: z.array(z.enum(CHANNELS)).min(1),
    /** Where to look: the whole text, its subject line, or the opening of a call script. */
    part: z.enum(['body', 'subject', 'opening']).default('body'),
    contains_any: z.array(z.string().min(1)).optional(),
    sender_identity: z.literal(true).optional(),
    pattern: z.string().optional(),
    subject_matches_product: z.literal(true).optional(),
    /** The number an SMS asks to write STOP to, by its tariff class: surcharged blocks, unknown is reviewed. */
    stop_number_tariff: z.literal(true).optional(),
    /**
     * The sentence that tells how to unsubscribe (one of `mentions`) must not say one of `forbids` (a login, a
     * payment), once the phrases of `except` ("sans frais") are set aside. Whole words; "désinscri*" is a prefix.
     */
    optout_sentence: z
      .object({
        mentions: z.array(z.string().min(1)).min(1),
        forbids: z.array(z.string().min(1)).min(1),
        except: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .optional(),
    /** What a presence check says when the element is missing. */
    missing: text.optional(),
    /** What an `optout_sentence` check says when the sentence forbids it; {sentence} quotes it. */
    found: text.optional(),
  })
  .strict();

export type MessageCheck = z.infer<typeof messageCheck>;
