/**
 * The durable outbox: every proactive message and every reply is written first, under the
 * caller's idempotency key, and delivered afterwards, exactly once as far as WeCom allows.
 * Implemented in store/outbox.repository.ts with unique inserts deciding who sends a message
 * (FerretDB's guarded updates are not atomic): a claim is the insert of `<id>:<claimSeq>`.
 */
import type { OutboundBody, Recipient } from '../shared/outbound.js';

/** pending → sending (claimed, leased) → sent | pending (retry) | failed | dropped (no longer true when its turn came). */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'dropped'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface NewOutboxMessage {
  /** Idempotency key, e.g. `reminder:<proposalId>:<date>`: a second insert under it adds nothing. */
  key: string;
  to: Recipient;
  body: OutboundBody;
  /** Why it is sent, for the admin view and logs. */
  purpose: string;
  /** The channel preferred for delivery (a reply goes back the way its message came). */
  via?: string;
  /** Not delivered before this instant. */
  at: Date;
}

export interface OutboxRow {
  id: string;
  key: string;
  to: Recipient;
  body: OutboundBody;
  purpose: string;
  /** The channel preferred for delivery (a reply goes back the way its message came). */
  via?: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError?: string;
  sender?: string;
  sentAt?: Date;
  createdAt: Date;
}

/** A message this caller holds; later writes name its claim and are refused once another holds it. */
export interface Claimed extends OutboxRow {
  claimId: string;
  /**
   * An earlier attempt may have reached WeCom: a worker stopped while sending it, or an attempt
   * failed in a way that does not prove WeCom dropped it (a timeout under load, a lost answer).
   */
  mayHaveBeenSent: boolean;
}

export interface OutboxStore {
  /** False when a message with this key exists already. */
  insert(m: NewOutboxMessage): Promise<boolean>;
  /** Takes the most overdue message that is due, or whose previous claim's lease ran out. `clock` is read at each step. */
  claimNext(clock: () => Date, leaseMs: number): Promise<Claimed | undefined>;
  /** Takes the message stored under `key` if it still waits for delivery (a reply about to be sent at once). */
  claimByKey(key: string, clock: () => Date, leaseMs: number): Promise<Claimed | undefined>;
  /** The writes below return false when the claim had lapsed and another holder has the message. */
  markSent(c: Claimed, sender: string, at: Date): Promise<boolean>;
  /** Back to pending; `refund` gives the attempt back (our own throttle, not a failure). */
  markRetry(c: Claimed, nextAttemptAt: Date, error: string, refund?: boolean): Promise<boolean>;
  markFailed(c: Claimed, error: string): Promise<boolean>;
  /** Not sent because it no longer holds; `why` is kept for the admin view. */
  markDropped(c: Claimed, why: string): Promise<boolean>;
  /** Messages whose key starts with `prefix` (e.g. one proposal's notices). */
  listByKeyPrefix(prefix: string): Promise<OutboxRow[]>;
  /** Newest first; at most `limit` (default 100, never more than 500). */
  list(filter: { status?: OutboxStatus; limit?: number }): Promise<OutboxRow[]>;
  /** A failed message goes back to the queue with a fresh attempt budget; false when it is not (or no longer) failed. */
  retry(id: string, now: Date): Promise<boolean>;
  /** How many messages are in each status; gives up after `timeoutMs` (a scrape must not hang). */
  countByStatus(statuses: readonly OutboxStatus[], timeoutMs: number): Promise<number[]>;
  /** Deletes sent, failed and dropped messages last touched before `before` (pending ones never); returns how many. */
  purgeFinished(before: Date): Promise<number>;
  /** Deletes claim rows written before `before` (needed only while a message is in flight); returns how many. */
  purgeClaims(before: Date): Promise<number>;
}
