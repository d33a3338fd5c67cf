/**
 * The durable outbox: every proactive message is written to the database first, under the
 * caller's idempotency key, and delivered later by the worker (outbox.worker.ts), or at once on
 * the live transport for a reply (`sendNow`). Used by the conversation and the jobs alike.
 * Enqueuing the same key twice — e.g. a job re-run after a crash — creates one message.
 */
import type { NewOutboxMessage, OutboxRow, OutboxStatus, OutboxStore } from '../domain/outbox.port.js';
import type { ReplyFn } from '../shared/outbound.js';

/** The message as stored, due now unless `notBefore` says otherwise. */
export interface EnqueueInput extends Omit<NewOutboxMessage, 'at'> {
  /** The worker leaves it alone until then (a reply about to be sent at once on its live transport). */
  notBefore?: Date;
}

/** Each caller takes the part it uses (`Pick<Outbox, 'enqueue'>`), not a copy of its methods. */
export interface Outbox {
  enqueue(input: EnqueueInput): Promise<{ created: boolean }>;
  listOutbox(filter?: { status?: OutboxStatus; limit?: number }): Promise<OutboxRow[]>;
  /** Puts a failed message back in the queue. False when it is not (or no longer) failed. */
  retryOutbox(id: string): Promise<boolean>;
  /**
   * Delivers the message queued under `key` now through `send` (a reply on the live transport),
   * unless it was delivered or taken already. True when sent; on failure it stays queued and
   * the worker delivers it later through a push sender.
   */
  sendNow(key: string, send: ReplyFn): Promise<boolean>;
}

/** How long a message being sent at once is held before the worker may take it (beyond one API call with its retries). */
const SEND_NOW_LEASE_MS = 20_000;
/** When the worker tries a message whose immediate send failed. */
const SEND_NOW_RETRY_MS = 5_000;

export function createOutbox(options: { store: OutboxStore; now?: () => Date; onEnqueue?: () => void }): Outbox {
  const { store } = options;
  const now = options.now ?? (() => new Date());
  return {
    async enqueue(input) {
      const { notBefore, ...message } = input;
      const created = await store.insert({ ...message, at: notBefore ?? now() });
      if (created) options.onEnqueue?.();
      return { created };
    },
    listOutbox: (filter = {}) => store.list(filter),
    retryOutbox: (id) => store.retry(id, now()),
    async sendNow(key, send) {
      const c = await store.claimByKey(key, now, SEND_NOW_LEASE_MS);
      if (!c) return false;
      try {
        await send(c.body, { resend: c.mayHaveBeenSent });
      } catch (err) {
        await store.markRetry(c, new Date(now().getTime() + SEND_NOW_RETRY_MS), String((err as Error)?.message ?? err));
        return false;
      }
      await store.markSent(c, 'reply', now());
      return true;
    },
  };
}
