/**
 * The durable inbox: every inbound message a channel acknowledged, kept until it has an outcome.
 * Acknowledging a message costs exactly one insert (`add`); everything else happens afterwards.
 * Implemented in store/inbox.store.ts with unique inserts only (FerretDB has no atomic guarded
 * update), so "exactly once" is decided by who inserts a row first: the entry itself, a take-over
 * row named after the lease it re-takes, the outcome row.
 */

/** An acknowledged inbound message as the channel received it (decoded again when handled). */
export interface InboxEntry {
  /** The transport's own id, channel-scoped (`app:<MsgId>`, `bot:<msgid>`): what WeCom's retries repeat. */
  id: string;
  /** The channel that accepted it; it knows how to decode `payload`. */
  channel: string;
  /** WeCom userid of the sender. */
  sender: string;
  /** The channel's decrypted message, whole (JSON-safe). */
  payload: Record<string, unknown>;
  receivedAt: Date;
}

/** An entry waiting for an owner: its previous owner's lease ran out without an outcome. */
export interface LapsedEntry extends InboxEntry {
  owner: string;
  leaseUntil: Date;
}

export type InboxOutcome = 'done' | 'failed';

export interface InboxStore {
  /** Stores the entry, owned by `owner` until `leaseUntil`; 'duplicate' when its id is in already. */
  add(entry: InboxEntry, owner: string, leaseUntil: Date): Promise<'added' | 'duplicate'>;
  /** Extends the leases `owner` holds on `ids` (entries taken over meanwhile are left alone). */
  renew(ids: string[], owner: string, leaseUntil: Date): Promise<void>;
  /**
   * Acknowledged entries without an outcome: how many, and the oldest `limit` of those whose lease
   * ended before `now` (their owner died or stalled). One pass, since every query scans on FerretDB.
   */
  scanOpen(now: Date, limit: number): Promise<{ open: number; lapsed: LapsedEntry[] }>;
  /** Takes a lapsed entry over; of all who try on the same lapsed lease, one gets true. */
  takeOver(entry: LapsedEntry, owner: string, leaseUntil: Date): Promise<boolean>;
  /** Records how handling ended; false when an outcome was recorded already. */
  finish(id: string, outcome: InboxOutcome, at: Date, detail?: string): Promise<boolean>;
  /** The ids among `ids` that have an outcome. */
  withOutcome(ids: string[]): Promise<Set<string>>;
  /** Deletes entries received before `before` that have an outcome; returns how many. */
  purge(before: Date): Promise<number>;
}
