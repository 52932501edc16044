import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Contact } from '../../src/domain/contacts.ts';
import { operator } from '../../src/policy/access.ts';
import { purgeCounts } from '../../src/retention/purge.ts';
import { deadlineCounts } from '../../src/services/lookup.ts';
import { purgeOverdue } from '../../src/services/retention.ts';
import { visibleText } from '../../src/slack/emulator/screen.ts';
import { startTestSlack, type TestSlack } from './harness.ts';
import { posts, purgeButtonValue, shownView, text, viewText } from './retentionKit.ts';

let slack: TestSlack;
const people: Record<string, Contact> = {};

/**
 * Monday 23 November 2026, 10:30 Paris. To purge now: Alice (a prospect since 2023) and Dave (a customer until
 * January 2022), the proof of Erin's phone consent of 2022 (Erin stays: she replied in 2025). Frank's phone
 * consent ended 13 days ago (nothing to delete), Bob comes due within 30 days.
 */
beforeEach(async () => {
  slack = await startTestSlack();
  const store = slack.ctx.store;
  const add = async (key: string, input: Parameters<typeof store.saveContact>[0], at: string) => {
    people[key] = (await store.saveContact(input, new Date(at))).contact;
  };
  const form = (collectedAt: string) => ({
    source: 'form' as const,
    collection: 'direct' as const,
    collectedAt,
  });
  await add(
    'alice',
    { email: 'alice@corp.fr', owner: 'U0SALES', provenance: form('2023-11-23T08:00:00Z') },
    '2023-11-23',
  );
  await add(
    'dave',
    {
      email: 'dave@corp.fr',
      phone: '+33612345678',
      name: 'Dave Martin',
      provenance: { source: 'sale', collection: 'direct', collectedAt: '2019-03-01T00:00:00Z' },
      customer: { since: '2019-03-01T00:00:00.000Z', until: '2022-01-09T23:00:00.000Z', products: [] },
    },
    '2019-03-01',
  );
  await add(
    'erin',
    { email: 'erin@corp.fr', phone: '+33698765432', provenance: form('2022-06-01T08:00:00Z') },
    '2022-06-01',
  );
  await add(
    'frank',
    { phone: '+33611112222', owner: 'U0SALES', provenance: form('2025-10-01T08:00:00Z') },
    '2025-10-01',
  );
  await add(
    'bob',
    { email: 'bob@corp.fr', owner: 'U0SALES', provenance: form('2023-12-01T08:00:00Z') },
    '2023-12-01',
  );
  await store.recordInteraction(
    people.erin as Contact,
    'reply',
    new Date('2025-06-01T08:00:00Z'),
    new Date('2025-06-01'),
  );
  const phoneConsent = (who: string, at: string) =>
    store.recordConsent(
      people[who] as Contact,
      {
        channel: 'phone',
        purpose: 'prospecting',
        action: 'grant',
        at: new Date(at),
        proof: { method: 'oral-recorded', wording: 'v1' },
      },
      new Date(at),
    );
  await phoneConsent('erin', '2022-06-01T08:00:00Z');
  await phoneConsent('frank', '2025-11-10T09:00:00Z');
});
afterEach(async () => slack.stop());

const stillThere = async () => {
  const kept: string[] = [];
  for (const [key, c] of Object.entries(people)) if (await slack.store.contactById(c.id)) kept.push(key);
  return kept.sort();
};

async function digestAndPress() {
  const digest = posts(await slack.remindNow(), 'C0COMPLIANCE')[0];
  slack.user.channel = 'C0COMPLIANCE';
  const opened = await slack.user.press(
    { action_id: 'retention_purge_overdue', value: purgeButtonValue(digest), block_id: 'retention' },
    { user: 'U0DPO', messageTs: String(digest?.result?.ts) },
  );
  return { digest, view: shownView(opened) };
}

describe('the purge from the digest', () => {
  it('counts one set in the same words in the digest, its button, App Home, the dry run and the list confirmed', async () => {
    const calls = await slack.remindNow();
    const digest = text(posts(calls, 'C0COMPLIANCE')[0]);
    expect(digest).toContain('⛔ À purger maintenant : 2 contacts et 1 preuve de consentement');
    expect(digest).toContain('[1] Purger 2 contacts et 1 preuve de consentement…');
    // The channel has many readers: masked there. A consent that ended is said apart, and not counted.
    expect(digest).toContain('Dave Martin (d***@corp.fr, +336•••78) (client, vendredi 10 janvier 2025)');
    expect(digest).toMatch(
      /📵 Consentements téléphoniques arrivés à leur fin .*\(1\)\n• @U0SALES — 1: \+336•••22/,
    );

    const home = visibleText(await slack.user.openHome({ user: 'U0DPO' }));
    expect(home).toContain('à purger maintenant : *2 contacts et 1 preuve de consentement*');
    expect(await deadlineCounts(slack.ctx, 30)).toMatchObject({ toPurge: { contacts: 2, proofs: 1 } });
    const dry = await purgeOverdue(slack.ctx, operator('test'), { dryRun: true });
    expect(purgeCounts(dry.list)).toEqual({ contacts: 2, proofs: 1 });

    const { view } = await digestAndPress();
    const list = viewText(view);
    expect(list).toContain('*2 contacts et 1 preuve de consentement*');
    // The DPO confirms who in full and when in Paris time.
    expect(list.split('\n').filter((l) => l.startsWith('• '))).toEqual([
      '• Dave Martin (dave@corp.fr, +33612345678) — client, échéance vendredi 10 janvier 2025',
      '• erin@corp.fr, +33698765432 — preuve de consentement, échéance lundi 1 juin 2026 à 10:00',
      '• alice@corp.fr — prospect, échéance lundi 23 novembre 2026 à 09:00',
    ]);
    expect(list).not.toMatch(/UTC|\d\dZ\b/);

    const done = await slack.user.submit(view, {}, { user: 'U0DPO' });
    const reply = done.calls.find((c) => c.method === 'chat.postMessage');
    expect(String(reply?.args.text)).toContain('purgé : 2 contacts et 1 preuve de consentement ;');
    expect(await stillThere()).toEqual(['bob', 'erin', 'frank']);
    const erin = await slack.store.subjectFacts({ kind: 'email', value: 'erin@corp.fr' });
    expect(erin.consents).toEqual([]);
    expect(erin.interactions).toHaveLength(1);
  });

  it('keeps a contact who bought again or replied after the digest, and says the list changed', async () => {
    const digest = posts(await slack.remindNow(), 'C0COMPLIANCE')[0];
    const now = slack.ctx.clock();
    const dave = people.dave as Contact;
    await slack.store.editContact(
      dave.id,
      {
        customer: {
          ...(dave.customer as NonNullable<Contact['customer']>),
          lastPurchaseAt: now.toISOString(),
        },
      },
      now,
    );
    await slack.store.recordInteraction(people.alice as Contact, 'reply', now, now);
    slack.user.channel = 'C0COMPLIANCE';
    const opened = await slack.user.press(
      { action_id: 'retention_purge_overdue', value: purgeButtonValue(digest), block_id: 'retention' },
      { user: 'U0DPO', messageTs: String(digest?.result?.ts) },
    );
    const list = viewText(shownView(opened));
    expect(list).toContain('La liste a changé');
    expect(list).toContain('*1 preuve de consentement*');
    expect(list).not.toContain('dave@corp.fr');
    await slack.user.submit(shownView(opened), {}, { user: 'U0DPO' });
    expect(await stillThere()).toEqual(['alice', 'bob', 'dave', 'erin', 'frank']);
    expect((await slack.store.subjectFacts({ kind: 'email', value: 'erin@corp.fr' })).consents).toEqual([]);
  });

  it('deletes nothing when the list moved while it was open, and shows the new one to confirm again', async () => {
    const { view } = await digestAndPress();
    const now = slack.ctx.clock();
    await slack.store.recordInteraction(people.alice as Contact, 'click', now, now);
    const refused = await slack.user.submit(view, {}, { user: 'U0DPO' });
    const again = shownView(refused);
    expect(viewText(again)).toContain('rien n’a été purgé');
    expect(viewText(again)).not.toContain('alice@corp.fr');
    expect(await stillThere()).toEqual(['alice', 'bob', 'dave', 'erin', 'frank']);
    await slack.user.submit(again, {}, { user: 'U0DPO' });
    expect(await stillThere()).toEqual(['alice', 'bob', 'erin', 'frank']);
    const [entry] = await slack.store.auditTrail({ action: 'retention.purge' });
    expect(entry).toMatchObject({ actor: 'slack:U0DPO', outcome: 'done' });
  });

  it('is for the purge role only, at the button and at the confirmation', async () => {
    const { view } = await digestAndPress();
    const refused = await slack.user.submit(view, {}, { user: 'U0SALES' });
    expect(viewText(refused.ack?.view as never)).toContain('Reserved to the policy role *purge data*');
    expect(await stillThere()).toHaveLength(5);
  });
});
