import { type Documents, FileDocuments } from './documents.ts';

/**
 * Where the app keeps each workspace's installation (its bot token, from Slack's OAuth flow), by workspace key:
 * the team id, or the organisation id of an Enterprise Grid org-wide install. Tokens are secrets: the file is mode
 * 600 and written whole (temporary file, then rename), the table is the database's.
 */
export interface Installations {
  save(key: string, installation: unknown): Promise<void>;
  find(key: string): Promise<unknown | undefined>;
  remove(key: string): Promise<void>;
  keys(): Promise<string[]>;
}

/** Installations as documents of one collection: in memory for the memory store, a file for the file store. */
export class DocumentInstallations implements Installations {
  constructor(private readonly documents: Documents<unknown>) {}
  save(key: string, installation: unknown): Promise<void> {
    return this.documents.put(key, installation);
  }
  find(key: string): Promise<unknown | undefined> {
    return this.documents.get(key);
  }
  remove(key: string): Promise<void> {
    return this.documents.remove(key);
  }
  async keys(): Promise<string[]> {
    return (await this.documents.all()).map(([key]) => key);
  }
}

/** One JSON file beside the file register (a single box), mode 600, written whole. */
export class FileInstallations extends DocumentInstallations {
  constructor(path: string) {
    super(new FileDocuments(path));
  }
}
