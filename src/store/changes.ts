import type { Op } from './state.ts';

/**
 * Who is told of changes: what is derived from contacts (their deadlines) listens, and is kept up to date
 * instead of computed again from every contact.
 */

/**
 * The contacts whose deadlines a change can move (their record, consents or interactions), or `all` when that
 * cannot be told from the change alone (a purge of single consent records).
 */
export function contactsTouched(op: Op): string[] | 'all' {
  switch (op.op) {
    case 'contact':
      return [op.contact.id];
    case 'contacts':
      return op.contacts.map((c) => c.id);
    case 'consent':
    case 'interaction':
      return [op.record.contactId];
    case 'merge':
      return [op.contact.id, op.gone];
    case 'purge':
      return (op.request.consentIds ?? []).length > 0 ? 'all' : (op.request.contactIds ?? []);
    default:
      return [];
  }
}

export type ContactsListener = (ids: string[] | 'all') => void;

/** The listeners of one store. */
export class ChangeListeners {
  private readonly listeners = new Set<ContactsListener>();

  add(listener: ContactsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells every listener what the applied changes touched. */
  applied(ops: Op[]): void {
    for (const op of ops) {
      const touched = contactsTouched(op);
      if (touched.length > 0) this.tell(touched);
    }
  }

  tell(ids: string[] | 'all'): void {
    for (const listener of this.listeners) listener(ids);
  }
}
