import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { contacts } from './contacts.ts';

/** A value of COPY's text format: backslashes, tabs and line ends escaped. */
const field = (value: string | undefined) =>
  value === undefined ? '\\N' : value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');

/**
 * Seeds `size` bench contacts with COPY (issue 15 asks for 10M): the rows the store itself writes for a new
 * contact (the input, an id, createdAt and updatedAt), streamed in slices of 10,000, then ANALYZE so the planner
 * knows the table's size. Seeding through saveContacts would take hours at 10M; the reads measured after are the
 * store's own.
 */
export async function copyContacts(url: string, size: number, now: Date): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const at = now.toISOString();
    async function* rows() {
      for (let i = 0; i < size; i += 10_000) {
        let chunk = '';
        for (const input of contacts(Math.min(10_000, size - i), i)) {
          const contact = { ...input, id: randomUUID(), createdAt: at, updatedAt: at };
          chunk += `${[contact.id, contact.email, contact.phone, contact.owner, JSON.stringify(contact)].map(field).join('\t')}\n`;
        }
        yield chunk;
      }
    }
    await pipeline(
      Readable.from(rows()),
      client.query(copyFrom('copy contacts (id, email, phone, owner, data) from stdin')),
    );
    await client.query('analyze contacts');
  } finally {
    await client.end();
  }
}
