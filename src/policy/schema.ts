import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { AUDIENCES, CHANNELS, SOURCE_TYPES } from '../domain/contacts.ts';
import { parseDuration } from '../domain/time.ts';
import { controller } from './controllerSchema.ts';
import { messageCheck } from './messageCheckSchema.ts';
import { scenario } from './scenarioSchema.ts';
import { text } from './textSchema.ts';

export { type Scenario, testFileSchema } from './scenarioSchema.ts';

const duration = z
  .string()
  .refine(
    (value) => {
      try {
        parseDuration(value);
        return /^P/.test(value);
      } catch {
        return false;
      }
    },
    { message: 'bad duration: use ISO 8601 (P3Y, P30D, P12M, PT2H)' },
  )
  // A period of law is never nothing nor negative: "P0D" or "P-1M" is a typo, and would make every deadline now.
  .refine((value) => !/^P/.test(value) || parseDuration(value).toMillis() > 0, {
    message: 'a duration must be longer than zero',
  });

/** A calendar date that exists: 2026-02-30 or 2026-13-01 is refused, not rolled over to another day. */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((value) => !/^\d{4}-\d{2}-\d{2}$/.test(value) || DateTime.fromISO(value).isValid, {
    message: 'no such date in the calendar',
  });
const zone = z.string().refine((value) => IANAZone.isValidZone(value), { message: 'unknown time zone' });
const hhmmRange = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'expected HH:MM-HH:MM');

const legal = z
  .object({ text: z.string().min(1), article: z.string().min(1), url: z.url().optional() })
  .strict();

export { VERDICTS, type Verdict } from '../domain/verdict.ts';

import { VERDICTS } from '../domain/verdict.ts';

// Conditions are checked by lint.ts (their shape is recursive and the messages are better hand-made).
const condition = z.unknown();

const ruleCase = z
  .object({
    when: condition.optional(),
    verdict: z.enum(VERDICTS),
    message: text,
    obligations: z.array(z.string()).optional(),
  })
  .strict();

const rule = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'rule ids are lower-case words joined by dashes'),
    title: text,
    explanation: text,
    legal: z.array(legal).min(1),
    unverified: z.boolean().optional(),
    channels: z.array(z.enum(CHANNELS)).min(1),
    audiences: z.array(z.enum(AUDIENCES)).min(1),
    from: isoDate.optional(),
    until: isoDate.optional(),
    basis: z.boolean().optional(),
    when: condition.optional(),
    /** A block from this rule holds for the whole campaign (a sector ban), not for one recipient. */
    campaign_wide: z.boolean().optional(),
    cases: z.array(ruleCase).min(1),
  })
  .strict();

const keywordList = z.array(z.string().min(1));

const product = z
  .object({
    label: text,
    /** B1: the job functions the offer relates to; a title mapped to one of them may get the B2B exception. */
    functions: z.array(z.string()).default([]),
    /**
     * B1 (Nestor): the functions the offer clearly does not relate to; `others` is every known function not in
     * `functions`. A function in neither list is one the policy cannot judge: review, never a block.
     */
    unrelated: z
      .union([z.literal('others'), z.array(z.string())], {
        error: 'expected a list of functions, or others (every function not in functions:)',
      })
      .default([]),
    similar: z.array(z.string()).default([]),
    sectors: z.array(z.string()).default([]),
    /**
     * Words people type for this product and a campaign subject about it uses (the label's words when absent),
     * by language (`fr:` and `en:`); a plain list is still read, without its languages.
     */
    keywords: z
      .union([keywordList, z.object({ fr: keywordList.default([]), en: keywordList.default([]) }).strict()])
      .optional(),
  })
  .strict()
  .transform(({ keywords, ...rest }) => ({
    ...rest,
    /** Every keyword, whatever its language: what a typed word and a campaign subject are matched against. */
    keywords:
      keywords === undefined
        ? undefined
        : Array.isArray(keywords)
          ? keywords
          : [...keywords.fr, ...keywords.en],
    /** The keywords as written by language, when the policy says it (lint warns when it does not). */
    keywordsByLanguage: keywords === undefined || Array.isArray(keywords) ? undefined : keywords,
  }));

/** Who holds a role: Slack user ids (U…, W… on Enterprise Grid), user-group ids (S…), or everyone. */
const members = z
  .array(
    z
      .string()
      .regex(
        /^([UWS][A-Z0-9]{2,}|everyone)$/,
        'expected a Slack user id (U…), a user-group id (S…) or everyone',
      ),
  )
  .default([]);

/** Retention beyond the two periods of `params`: proof keeping, reminders, and what happens at the deadline. */
const retention = z
  .object({
    /** How long the proof of a phone consent is kept after the consent ends (H3). */
    consent_proof: duration,
    /** At the deadline: purge at once (auto), or wait for a compliance user to confirm (confirm). */
    on_deadline: z.enum(['auto', 'confirm']),
    reminders: z
      .object({
        schedule: z.string().min(9),
        time_zone: zone,
        /** The compliance channel that gets the digest. */
        channel: z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'expected a Slack channel id (C…)'),
      })
      .strict(),
  })
  .strict();

const campaign = z
  .object({
    /** How long a check stays valid for approval. */
    check_validity: duration,
    /** The advertiser's names as messages must show them. */
    sender_identity: z.array(z.string().min(1)).min(1),
    /** The most rows a recipient list may have: a bigger file is refused before it is checked. */
    max_rows: z.number().int().positive().default(1_000_000),
    /** How many characters of a call script count as its opening. */
    opening_length: z.number().int().positive().default(400),
    /** Who approves campaigns checked in a given Slack channel (C…); roles.approve_campaigns elsewhere. */
    approvers_by_channel: z
      .record(z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'expected a Slack channel id (C…)'), members)
      .default({}),
    message_checks: z.array(messageCheck).default([]),
  })
  .strict();

const params = z
  .object({
    retention_prospect: duration,
    retention_customer: duration,
    retention_reminder_leads: z.array(duration),
    call_days: z.array(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])).min(1),
    call_hours: z.array(hhmmRange).min(1),
    call_holidays: z.string().min(2),
    call_time_zones: z.record(z.string(), zone).default({}),
    max_call_attempts: z.number().int().positive(),
    call_attempts_window: duration,
    refusal_pause: duration,
    call_slot_max_length: duration,
    information_deadline: duration,
    phone_consent_max_age: duration,
    accepted_consent_methods: z.array(z.string()).min(1),
    /**
     * The methods that are the person's own act (their form, their double opt-in, their recorded voice): with an
     * evidence reference, a consent dated the day we received details from someone else is hers, not a claim.
     * The accepted methods when absent.
     */
    own_act_consent_methods: z.array(z.string()).min(1).optional(),
    /** I2: sources whose terms forbid scraping, found in the source detail (host, URL, product name). */
    forbidden_sources: z
      .object({
        match: z.array(z.string().min(2)).default([]),
        /** Source types where the person gave the details themself through the platform (its own form). */
        except_source_types: z.array(z.enum(SOURCE_TYPES)).default([]),
      })
      .strict()
      .default({ match: [], except_source_types: [] }),
    /** J4: countries judged by these rules (France and its overseas departments); a number elsewhere → review. */
    home_regions: z.array(z.string().regex(/^[A-Z]{2}$/, 'expected ISO country codes (FR, RE…)')).min(1),
    /** D5 [U]: a callback answering the person's own request must come within this many working days. */
    callback_working_days: z.number().int().positive(),
    scraped_sources: z.array(z.enum(SOURCE_TYPES)).default([]),
    extra_free_mail_domains: z.array(z.string()).default([]),
    role_local_parts: z.array(z.string()).default([]),
    non_commercial_purposes: z.array(z.string()).default([]),
  })
  .strict();

export const ROLES = [
  'record_consent',
  'see_contacts',
  'approve_campaigns',
  'purge',
  'privacy_requests',
] as const;
export type Role = (typeof ROLES)[number];

const roles = z
  .object({
    record_consent: members,
    see_contacts: members,
    approve_campaigns: members,
    purge: members,
    privacy_requests: members,
  })
  .strict();

export const policySchema = z
  .object({
    policy: z
      .object({
        name: z.string().min(1),
        time_zone: zone,
        default_language: z.enum(['fr', 'en']),
      })
      .strict(),
    params,
    products: z.record(z.string(), product),
    /** Job functions (B1) and the titles people write for them, French and English; `comptab*` is a prefix. */
    functions: z.record(z.string().regex(/^[a-z0-9-]+$/), z.array(z.string().min(1))).default({}),
    /** Words in a title that say the person does not hold the job in a trade (retired, student…). */
    not_in_post_titles: z.array(z.string().min(1)).default([]),
    roles: roles.default({
      record_consent: [],
      see_contacts: [],
      approve_campaigns: [],
      purge: [],
      privacy_requests: [],
    }),
    /** Who holds the register and where people write: the access report needs it (controllerSchema.ts). */
    controller: controller.optional(),
    /** Who may ask at all: guests (single- and multi-channel) are refused unless allowed here. */
    workspace: z
      .object({ allow_guests: z.boolean().default(false) })
      .strict()
      .default({ allow_guests: false }),
    obligations: z.record(z.string(), z.object({ text, legal: z.array(legal).optional() }).strict()),
    conditions: z.record(z.string(), condition).default({}),
    no_basis: z.object({ verdict: z.enum(['review', 'block']), message: text }).strict(),
    rules: z.array(rule).min(1),
    campaign,
    retention,
    tests: z.array(scenario).optional(),
  })
  .strict();

export type PolicyDocument = z.infer<typeof policySchema>;
export type RuleEntry = z.infer<typeof rule>;
export type { MessageCheck } from './messageCheckSchema.ts';
export type ProductEntry = z.infer<typeof product>;
export type Text = z.infer<typeof text>;
export type Legal = z.infer<typeof legal>;
export type Condition =
  | string
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | ({ fact: string } & Partial<Record<ComparisonOp, unknown>>);
export const COMPARISON_OPS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'contains', 'intersects'] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];
