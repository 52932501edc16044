import { z } from 'zod';
import { ADDRESS_KINDS, AUDIENCES, CHANNELS, RELATIONSHIP_KINDS } from '../domain/contacts.ts';
import { VERDICTS } from '../domain/verdict.ts';

/** A policy scenario (policy.test.yaml): the facts of one person, a question at a time, and the expected answer. */
const scenarioContact = z
  .object({
    email: z.string().optional(),
    phone: z.string().optional(),
    audience: z.enum(AUDIENCES).optional(),
    function: z.string().optional(),
    source: z.string().optional(),
    collection: z.enum(['direct', 'indirect']).optional(),
    collected_at: z.string().optional(),
    informed_at: z.string().optional(),
    customer_since: z.string().optional(),
    customer_until: z.string().optional(),
    /** purchase (default), contract, or account (a free account without purchase). */
    relationship: z.enum(RELATIONSHIP_KINDS).optional(),
    last_purchase_at: z.string().optional(),
    products: z.array(z.string()).optional(),
    address_kind: z.enum(ADDRESS_KINDS).optional(),
    name: z.string().optional(),
    department: z.string().optional(),
  })
  .strict();

export const scenario = z
  .object({
    name: z.string().min(1),
    at: z.string(),
    ask: z
      .object({
        channel: z.enum(CHANNELS),
        target: z.string(),
        product: z.string().optional(),
        purpose: z.string().optional(),
      })
      .strict(),
    contact: scenarioContact.optional(),
    consents: z
      .array(
        z
          .object({
            channel: z.enum(CHANNELS),
            action: z.enum(['grant', 'withdraw']).default('grant'),
            at: z.string(),
            purpose: z.string().optional(),
            method: z.string().optional(),
            wording: z.string().optional(),
            evidence: z.string().optional(),
            until: z.string().optional(),
            collected_by: z.string().optional(),
            names_us: z.boolean().optional(),
            slot: z.object({ start: z.string(), end: z.string() }).strict().optional(),
          })
          .strict(),
      )
      .default([]),
    events: z.array(z.object({ type: z.string(), at: z.string() }).strict()).default([]),
    /**
     * The suppression list: objections, and (`kind: withdrawal`, with its `purpose`) the consents withdrawn it
     * remembers; `reason: consent-withdrawal` is an entry written by an earlier version for a withdrawal.
     */
    objections: z
      .array(
        z
          .object({
            scope: z.enum([...CHANNELS, 'all']),
            at: z.string(),
            kind: z.enum(['objection', 'withdrawal']).optional(),
            purpose: z.string().optional(),
            reason: z.string().optional(),
          })
          .strict(),
      )
      .default([]),
    expect: z
      .object({
        verdict: z.enum(VERDICTS),
        rules: z.union([z.array(z.string()), z.record(z.string(), z.enum(VERDICTS))]).optional(),
        not_rules: z.array(z.string()).optional(),
      })
      .strict(),
  })
  .strict();

export const testFileSchema = z.object({ tests: z.array(scenario) }).strict();

export type Scenario = z.infer<typeof scenario>;
