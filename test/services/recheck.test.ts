import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { ListInput } from '../../src/campaign/recipients.ts';
import { emailIdentifier, type Identifier, phoneIdentifier } from '../../src/domain/identifiers.ts';
import { decideOnCampaign } from '../../src/services/campaignDecisions.ts';
import { keepList } from '../../src/services/campaignLists.ts';
import { recheckCampaign } from '../../src/services/campaignRecheck.ts';
import { runCheckJob } from '../../src/services/checkJob.ts';
import { subjectsOf } from '../../src/services/checkQueue.ts';
import type { AppContext } from '../../src/services/context.ts';
import { erasePerson } from '../../src/services/privacy.ts';
import { optOut, recordConsent } from '../../src/services/record.ts';
import { MemoryStore } from '../../src/store/memoryStore.ts';
import { operator, withEveryRole } from '../support/actors.ts';
import { policy } from '../support/policy.ts';

/**
 * "An objection recorded after approval never reaches a send" (GDPR art. 21(3): the data "shall no longer be
 * processed" for prospecting; art. 7(3) and 17 for a withdrawal and an erasure; L.34-5 CPCE). For random
 * campaigns of random people, and random objections, withdrawals and erasures recorded after approval, on any
 * identifier of the person: the recheck's allowed list holds none of her identifiers, and holds every
 * recipient the approval covered who is still allowed (an unsubscribe from another channel does not drop her).
 */

const T = (hours: number) => new Date(Date.parse('2026-11-23T09:00:00.000Z') + hours * 3600_000);
const TEMPLATE = 'Objet : Votre comptabilité simplifiée\nExemple SAS\nSe désinscrire : {{unsubscribe}}';

/** A professional (legitimate interest, B2B), a consumer who consented by email, or one who did not (blocked). */
type Kind = 'pro' | 'consented' | 'consumer';
type Action = 'none' | 'optout-all' | 'optout-email' | 'optout-sms' | 'withdraw' | 'erase';

const person = fc.record({
  kind: fc.constantFrom<Kind>('pro', 'consented', 'consumer'),
  other: fc.boolean(),
  phone: fc.boolean(),
  listedAs: fc.constantFrom('main', 'other'),
  action: fc.constantFrom<Action>('none', 'optout-all', 'optout-email', 'optout-sms', 'withdraw', 'erase'),
  on: fc.constantFrom('main', 'other', 'phone'),
});
type Person = typeof person extends fc.Arbitrary<infer P> ? P : never;

/** Her identifiers: her main address, maybe another address and a mobile (each finds her). */
function identifiers(p: Person, i: number) {
  const main = emailIdentifier(p.kind === 'pro' ? `p${i}@corp${i}.fr` : `p${i}@gmail.com`);
  const domain = p.kind === 'pro' ? `corp${i}.fr` : 'gmail.com';
  const other = p.other ? emailIdentifier(`p${i}.autre@${domain}`) : undefined;
  const phone = p.phone ? phoneIdentifier(`+3361234${String(1000 + i).slice(-4)}`) : undefined;
  return { main, other, phone, all: [main, other, phone].filter((x): x is Identifier => x !== undefined) };
}

async function register(ctx: AppContext, people: Person[]) {
  for (const [i, p] of people.entries()) {
    const ids = identifiers(p, i);
    const { contact } = await ctx.store.saveContact(
      {
        email: ids.main.value,
        ...(p.kind === 'pro' ? { jobFunction: 'finance' } : {}),
        provenance: {
          source: 'form',
          collection: 'direct',
          collectedAt: '2026-01-05T00:00:00Z',
          informedAt: '2026-01-05T00:00:00Z',
        },
      },
      T(-1),
    );
    const add = [ids.other, ids.phone].filter((x): x is Identifier => x !== undefined);
    if (add.length) await ctx.store.editContact(contact.id, { identifiers: { add } }, T(-1));
    if (p.kind === 'consented')
      await ctx.store.recordConsent(
        contact,
        {
          channel: 'email',
          purpose: 'prospecting',
          action: 'grant',
          at: T(-1),
          proof: { method: 'checkbox', wording: 'v1', evidence: 'form-1' },
        },
        T(-1),
      );
  }
}

/** The check as `runCampaignCheck` makes it, in this thread (a worker per run would only be slower). */
async function check(ctx: AppContext, list: ListInput) {
  const job = {
    name: 'prop',
    channel: 'email' as const,
    product: 'accounting-software',
    audience: 'b2b' as const,
    plannedStart: T(24),
    plannedEnd: T(96),
    template: TEMPLATE,
    checkedBy: 'cli:sales',
    list,
    maxRows: 1000,
    now: ctx.clock(),
    outputs: { lang: 'fr' as const },
  };
  const checked = await runCheckJob(job, ctx.policy, (targets) => subjectsOf(ctx, targets));
  const campaign = { ...checked, kept: await keepList(ctx, checked, list) };
  await ctx.store.saveCampaign(campaign);
  return campaign;
}

/** What happens after approval: her objection, withdrawal or erasure, told on the identifier drawn. */
async function act(ctx: AppContext, p: Person, on: Identifier, target: Identifier) {
  const who = on.kind === 'email' ? { email: on.value } : { phone: on.value };
  if (p.action === 'optout-all') await optOut(ctx, { ...who, origin: 'cli:dpo' });
  if (p.action === 'optout-email') await optOut(ctx, { ...who, channel: 'email', origin: 'api:crm' });
  if (p.action === 'optout-sms') await optOut(ctx, { ...who, channel: 'sms', origin: 'api:crm' });
  if (p.action === 'withdraw')
    await recordConsent(ctx, { ...who, channel: 'email', action: 'withdraw', recordedBy: 'cli:dpo' });
  if (p.action === 'erase') await erasePerson(ctx, on, operator('cli:dpo'));
  return target;
}

it('an objection recorded after approval never reaches a send', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(person, { minLength: 1, maxLength: 7 }),
      fc.boolean(),
      fc.boolean(),
      async (drawn, repeat, cleaned) => {
        // A withdrawal is of a consent she gave; the others have none to withdraw.
        const people = drawn.map((p) =>
          p.action === 'withdraw' && p.kind !== 'consented' ? { ...p, action: 'none' as const } : p,
        );
        let now = T(0);
        const ctx: AppContext = { store: new MemoryStore(), policy, clock: () => now };
        await register(ctx, people);
        const listed = people.map((p, i) => {
          const ids = identifiers(p, i);
          return p.listedAs === 'other' && ids.other ? ids.other : ids.main;
        });
        const rows = [...listed, ...(repeat ? [listed[0] as Identifier] : [])];
        const c = await check(ctx, { kind: 'pasted', text: rows.map((r) => r.value).join('\n') });
        const asChecked = c.counts.block === 0 && !cleaned;
        fc.pre(asChecked || c.counts.allow > 0);
        now = T(1);
        await decideOnCampaign(ctx, c.id, withEveryRole('cli:sales'), 'request');
        const approved = await decideOnCampaign(
          ctx,
          c.id,
          withEveryRole('cli:boss'),
          asChecked ? 'approve' : 'approve-cleaned',
        );
        expect(approved.ok).toBe(true);

        now = T(2);
        const gone = new Set<string>();
        for (const [i, p] of people.entries()) {
          const ids = identifiers(p, i);
          const on = (p.on === 'other' && ids.other) || (p.on === 'phone' && ids.phone) || ids.main;
          await act(ctx, p, on, listed[i] as Identifier);
          if (['optout-all', 'optout-email', 'withdraw', 'erase'].includes(p.action))
            for (const id of ids.all) gone.add(id.value);
        }

        now = T(3);
        const done = await recheckCampaign(ctx, c.id, 'api:sender', { collectAllowed: true });
        const allowed = new Set((done.allowed ?? []).map((t) => t.value));
        // Never anyone who objected, withdrew or was erased since approval, by any of her identifiers.
        for (const value of allowed) expect(gone.has(value), value).toBe(false);
        // Every recipient the approval covered who is still allowed is there (a consumer without consent was
        // blocked at the check: the approval never covered her).
        for (const [i, p] of people.entries()) {
          const id = listed[i] as Identifier;
          const stillAllowed = p.kind !== 'consumer' && ['none', 'optout-sms'].includes(p.action);
          expect(allowed.has(id.value), `${id.value} ${p.kind} ${p.action}`).toBe(stillAllowed);
        }
        // Each approved recipient is either allowed or dropped, never both.
        expect(done.dropped.every((d) => !allowed.has(d.target?.value ?? ''))).toBe(true);
        // An erased person is in no kept list any more (GDPR art. 17), under any of her identifiers.
        const copy = (await ctx.store.documents<{ data: string }>('campaign-lists').all())
          .map(([, part]) => Buffer.from(part.data, 'base64').toString('utf8'))
          .join('');
        for (const [i, p] of people.entries())
          if (p.action === 'erase')
            for (const id of identifiers(p, i).all) expect(copy).not.toContain(id.value);
        expect(done.recheck.approved).toBe(done.recheck.allowed + done.dropped.length);
      },
    ),
    { numRuns: 100 },
  );
});
