/**
 * The durable outbox: every proactive message is written to MongoDB first, under the
 * caller's idempotency key, and delivered later by the worker (outbox.worker.ts).
 * Enqueuing the same key twice — e.g. a job re-run after a crash — creates one message.
 */
import type { OutboundBody, Recipient } from '../../channels/contract.js';
import type { OutboxStatus } from '../../store/models/outbox-message.model.js';
import { outboxRepository, type OutboxRow } from '../../store/outbox.repository.js';

export interface EnqueueInput {
  /** Idempotency key, e.g. `reminder:<proposalId>:<date>`. */
  key: string;
  to: Recipient;
  body: OutboundBody;
  /** Why this is sent, for the admin view and logs. */
  purpose: string;
}

export interface Outbox {
  enqueue(input: EnqueueInput): Promise<{ created: boolean }>;
  listOutbox(filter?: { status?: OutboxStatus; limit?: number }): Promise<OutboxRow[]>;
  /** Puts a failed message back in the queue. False when it is not (or no longer) failed. */
  retryOutbox(id: string): Promise<boolean>;
}

export function createOutbox(options: { now?: () => Date; onEnqueue?: () => void } = {}): Outbox {
  const now = options.now ?? (() => new Date());
  return {
    async enqueue(input) {
      const created = await outboxRepository.insert({ ...input, at: now() });
      if (created) options.onEnqueue?.();
      return { created };
    },
    listOutbox: (filter = {}) => outboxRepository.list(filter),
    retryOutbox: (id) => outboxRepository.retry(id, now()),
  };
}

export type { OutboxRow, OutboxStatus };
