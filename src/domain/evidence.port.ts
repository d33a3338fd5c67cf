/**
 * Photos taken as evidence of a contact with a member (联系委员的佐证), kept with the ledger, which
 * records only their ids. Implemented in store/evidence.store.ts (MongoDB GridFS).
 */

export interface EvidenceFile {
  data: Buffer;
  contentType: string;
  /** Who sent it and what it belongs to, kept beside the file for audits. */
  metadata: { proposalId: string; contactId: string; uploadedBy: string; channel: string };
}

export interface EvidenceStore {
  /** Stores the file; returns its id. */
  save(file: EvidenceFile): Promise<string>;
  read(id: string): Promise<Buffer>;
}
