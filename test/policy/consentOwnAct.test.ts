import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConsentRecord, Contact } from '../../src/domain/contacts.ts';
import { parseInstant } from '../../src/domain/time.ts';
import { decide } from '../../src/policy/engine.ts';
import { parsePolicy } from '../../src/policy/load.ts';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';
import { POLICY_PATH, policy } from '../support/policy.ts';
import { subject } from '../support/subjects.ts';

const at = (text: string) => parseInstant(text, 'Europe/Paris').toISOString();
const now = parseInstant('2026-11-23T10:30', 'Europe/Paris');

/** Alice, whose address came on a bought list imported at 10:00 on 1 November (Paris). */
const bought: Contact = {
  id: 'alice',
  email: 'alice@gmail.com',
  provenance: {
    source: 'purchase',
    collection: 'indirect',
    collectedAt: at('2026-11-01T10:00'),
    informedAt: at('2026-11-01T10:00'),
  },
  createdAt: at('2026-11-01T10:00'),
  updatedAt: at('2026-11-01T10:00'),
};

const grant = (when: string, proof: ConsentRecord['proof']): ConsentRecord => ({
  id: `c-${when}`,
  contactId: 'alice',
  channel: 'email',
  purpose: 'prospecting',
  action: 'grant',
  at: at(when),
  proof,
  recordedAt: at(when),
});

const ask = (p: typeof policy, consents: ConsentRecord[], contact: Contact = bought) =>
  decide({ channel: 'email', purpose: 'prospecting' }, subject({ contact, consents }), p, now);

/** The shipped policy with `edit` applied to its text: what a compliance officer does. */
const edited = (edit: (text: string) => string) =>
  parsePolicy(edit(readFileSync(POLICY_PATH, 'utf8')), POLICY_PATH);

// GDPR art. 4(11): consent is the data subject's own "clear affirmative action"; art. 7(1): the controller
// proves it. A seller's attestation, accepted as a method, is still not the person's own act.
describe("the person's own act, as the policy lists its methods", () => {
  const attestation = (text: string) =>
    text.replace('    - email-reply\n  # C1-C3', '    - email-reply\n    - seller-attestation\n  # C1-C3');

  it('a seller attestation dated the day of the import is a claim: review, not allow', () => {
    const p = edited(attestation);
    expect(p.doc.params.accepted_consent_methods).toContain('seller-attestation');
    const decision = ask(p, [
      grant('2026-11-01T16:00', { method: 'seller-attestation', wording: 's-1', evidence: 'att-9' }),
    ]);
    expect(decision.verdict).toBe('review');
    expect(decision.reasons.find((r) => r.rule === 'consent-partner-transfer')?.message.en).toContain(
      "no evidence of the person's own act",
    );
  });

  it('the same attestation counts once the officer lists it as the person’s own act', () => {
    const p = edited((text) =>
      attestation(text).replace(
        '  own_act_consent_methods:\n    - checkbox',
        '  own_act_consent_methods:\n    - seller-attestation\n    - checkbox',
      ),
    );
    const decision = ask(p, [
      grant('2026-11-01T16:00', { method: 'seller-attestation', wording: 's-1', evidence: 'att-9' }),
    ]);
    expect(decision.verdict).toBe('allow');
  });

  it('a policy written before the list existed takes the accepted methods as the person’s own acts', () => {
    const p = edited((text) => text.replace(/ {2}own_act_consent_methods:\n( {4}- .*\n)+/, ''));
    expect(p.doc.params.own_act_consent_methods).toBeUndefined();
    const own = grant('2026-11-01T14:00', { method: 'double-opt-in', wording: 'v2', evidence: 'doi-1' });
    expect(ask(p, [own]).verdict).toBe('allow');
    const claim = grant('2026-11-01T14:00', { method: 'checkbox', wording: 'v2' });
    expect(ask(p, [claim]).verdict).toBe('review');
  });

  it('a claim is never a block of its own, and says when the same consent, a day later, would be ours', () => {
    const claim = ask(policy, [grant('2026-11-01T23:59', { method: 'checkbox', wording: 'v1' })]);
    expect(claim.verdict).toBe('review');
    expect(claim.reasons.filter((r) => r.verdict === 'block')).toEqual([]);
    const nextDay = ask(policy, [grant('2026-11-02T00:00', { method: 'checkbox', wording: 'v1' })]);
    expect(nextDay.verdict).toBe('allow');
  });
});

describe('policy lint of the own-act list', () => {
  it('points at a method of the own-act list that is not accepted, at its line', async () => {
    const file = join(tempDir(), 'policy.yaml');
    const text = readFileSync(POLICY_PATH, 'utf8').replace(
      '  own_act_consent_methods:\n    - checkbox\n    - double-opt-in',
      '  own_act_consent_methods:\n    - checkbox\n    - double-optin',
    );
    writeFileSync(file, text);
    const result = await cli(tempDir(), { lang: 'en' })('policy', 'lint', file);
    expect(result.status).toBe(2);
    const line = text.split('\n').indexOf('    - double-optin') + 1;
    expect(result.err).toContain(
      `${file}:${line}:7 "double-optin" is not in accepted_consent_methods: a consent by it is refused when recorded`,
    );
  });
});
