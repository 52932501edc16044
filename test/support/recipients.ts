import { type ListInput, openList, recipientSorter } from '../../src/campaign/recipients.ts';
import type { Channel } from '../../src/domain/contacts.ts';

/** A recipient list read to the end and sorted, as a campaign check reads it (recipients, repeats, invalid). */
export async function readRecipients(input: ListInput, channel: Channel) {
  const list = await openList(input, channel);
  const sorter = recipientSorter(list.layout.kind);
  const recipients: { line: number; value: string }[] = [];
  const invalid: { line: number; value: string; problem: string }[] = [];
  let duplicates = 0;
  for await (const batch of list.entries) {
    for (const { line, value } of batch) {
      const sorted = sorter.sort(value);
      if (sorted.kind === 'recipient') recipients.push({ line, value: sorted.target.value });
      if (sorted.kind === 'invalid') invalid.push({ line, value, problem: sorted.problem });
      if (sorted.kind === 'duplicate') duplicates++;
    }
  }
  return { ...list.layout, recipients, invalid, duplicates, hash: sorter.seen.hash() };
}
