import { expect, it } from 'vitest';
import type { Identifier } from '../../src/domain/identifiers.ts';
import { runCampaignCheck } from '../../src/services/campaign.ts';
import { MemoryStore } from '../../src/store/memoryStore.ts';
import { policy } from '../support/policy.ts';

/**
 * A store over the network (PostgreSQL) answers when it answers: here the first recipients take longer than the
 * last ones, so a later slice of the list comes back before an earlier one.
 */
class SlowStore extends MemoryStore {
  override async subjectFacts(target: Identifier) {
    const slow = !target.value.startsWith('late');
    if (slow) await new Promise((resolve) => setTimeout(resolve, 1));
    return super.subjectFacts(target);
  }
}

it('gives each recipient its own facts when the store answers slices out of order', async () => {
  const store = new SlowStore();
  const now = new Date('2026-11-23T10:00:00+01:00');
  const emails = Array.from(
    { length: 1200 },
    (_, i) => `${i < 1000 ? 'person' : 'late'}${i}@company${i % 50}.fr`,
  );
  const objected = emails.filter((_, i) => i % 7 === 3);
  for (const email of objected)
    await store.addObjection([{ kind: 'email', value: email }], 'all', now, 'test');
  const { campaign } = await runCampaignCheck(
    { store, policy, clock: () => now },
    {
      channel: 'email',
      product: 'accounting-software',
      audience: 'b2b',
      template: 'Objet : votre comptabilité\nExemple SAS\nSe désinscrire : {{unsubscribe}}',
      checkedBy: 'test',
    },
    { kind: 'pasted', text: emails.join('\n') },
  );
  const group = campaign.groups.find((g) => g.rule === 'optout-right-to-object');
  // Line n holds emails[n - 1]: the objected ones, and only those, are blocked for their objection.
  expect(group?.lines).toEqual(objected.map((email) => emails.indexOf(email) + 1));
});
