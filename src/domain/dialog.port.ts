/**
 * Short-lived rows keyed by a string, each with its expiry: the conversation's dialog state
 * (pending guided steps, photo windows, each person's newest card, the list page last seen),
 * kept as JSON the conversation parses itself (conversation/dialog.store.ts). Implemented in
 * store/dialog.repository.ts.
 */

export interface DialogRow {
  state: unknown;
  expiresAt: Date;
}

export interface DialogRows {
  get(key: string): Promise<DialogRow | undefined>;
  /** Creates or replaces the row; `state` is kept as JSON carries it. */
  put(key: string, userid: string, state: unknown, expiresAt: Date): Promise<void>;
  /** Deletes the row, or with `expiresAt` only while it still has that expiry (not rewritten since); true when one was deleted. */
  delete(key: string, expiresAt?: Date): Promise<boolean>;
  /** Deletes rows that expired before `before` (FerretDB has no TTL index); returns how many. */
  purgeExpired(before: Date): Promise<number>;
}
