/**
 * The change feed: how every instance's ledger view and directory copy learn what the others
 * wrote. Rows are insert-only and keyed by what they record, so publishing the same change twice
 * is harmless; readers may see a row more than once and apply entries by version. Written by the
 * proposal and directory adapters, read by the view's follower (store/ledger-view.sync.ts), purged
 * by housekeeping; implemented in store/change-log.ts.
 */
import type { LedgerEntry } from './ledger-view.js';

export type Change = { id: string; at: Date } & ({ kind: 'proposal'; entry: LedgerEntry } | { kind: 'directory' });

export interface ChangeFeed {
  /** Announces new versions of proposals to the other instances' views. */
  publishEntries(entries: LedgerEntry[]): Promise<void>;
  /** Announces that the directory changed (the other instances drop their cached copy). */
  publishDirectory(): Promise<void>;
  /** This database's epoch marker, created by the first instance that asks: a new one means the database was replaced. */
  epoch(): Promise<string>;
  /**
   * The epoch marker as it stands (undefined once the collection was emptied) and the changes
   * written since `since`, leaving out the rows named in `seen` (read before).
   */
  read(since: Date, seen?: string[]): Promise<{ epoch?: string; changes: Change[] }>;
  /** Deletes rows written before `before` (never the epoch marker); returns how many. */
  purge(before: Date): Promise<number>;
}
