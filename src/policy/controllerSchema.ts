import { z } from 'zod';
import { CHANNELS } from '../domain/contacts.ts';
import { text } from './textSchema.ts';

/**
 * Who holds the register, as the access report tells the person (GDPR art. 13(1)(a)-(b), 14(1)(a)-(b): the
 * controller's identity and contact details, and those of its DPO; art. 15(1)(c): the recipients; art. 15(2):
 * transfers outside the EU). The policy is the compliance officer's file, so these statements are made there.
 */
export const controller = z
  .object({
    /** The company's legal name, as the person knows it. */
    name: z.string().min(1),
    /** Its postal address: where a letter exercising a right reaches it. */
    address: z.string().min(1),
    /** The data protection officer (art. 37-39), or the privacy contact where there is none: where people write. */
    dpo: z
      .object({
        name: z.string().min(1).optional(),
        email: z.email({ error: 'expected an email address' }),
        address: z.string().min(1).optional(),
      })
      .strict(),
    /** The recipients or categories of recipients of the data (art. 15(1)(c)), each in both languages. */
    recipients: z.array(text).min(1),
    /** Transfers to a country outside the EU and their safeguards (art. 15(2)), or that there are none. */
    transfers: text,
    /**
     * The channels on which prospecting needs the person's prior consent, by audience: electronic messages and
     * automated calls to consumers, automated calls to professionals (CPCE L.34-5), calls to consumers since 11
     * August 2026 (C. conso L.223-1 as amended by loi 2025-594 art. 13). Elsewhere prospecting rests on
     * legitimate interest (GDPR art. 6(1)(f), recital 47) and the person may object at any time (art. 21).
     */
    consent_required: z
      .object({
        b2b: z.array(z.enum(CHANNELS)).default(['automated-call']),
        b2c: z.array(z.enum(CHANNELS)).default(['email', 'sms', 'messaging', 'automated-call', 'phone']),
      })
      .strict()
      .default({ b2b: ['automated-call'], b2c: ['email', 'sms', 'messaging', 'automated-call', 'phone'] }),
  })
  .strict();

export type Controller = z.infer<typeof controller>;
