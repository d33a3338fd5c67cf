/**
 * Delivers outbox messages. Each message is claimed with a lease (a unique insert into
 * outbox_claims, see store/outbox.repository.ts), sent through the sender it asks for (`via`) or
 * the first PushSender that can reach its recipient, then recorded as sent — or rescheduled with
 * exponential backoff, or marked failed after `maxAttempts` with the reason (logged at error level).
 *
 * Guarantee: a message is never lost (it is in the database before anyone tries to send it) and
 * never sent by two workers at once. Remaining at-least-once window: if the process dies
 * after WeCom accepted a message but before `sent` is recorded, the lease runs out and the
 * message is sent again. The window is one HTTP round trip plus one update.
 */
import type { Logger } from '../shared/logger.js';
import type { PushSender } from '../channels/contract.js';
import type { OutboundBody } from '../shared/outbound.js';
import { retryAfter } from '../channels/wecom-api/errors.js';
import type { Claimed, OutboxStore } from '../domain/outbox.port.js';
import { AppError } from '../shared/app-error.js';

export interface OutboxWorkerOptions {
  store: OutboxStore;
  senders: PushSender[];
  log: Logger;
  /** Default 8. */
  maxAttempts?: number;
  /** First retry delay in ms, doubled per attempt up to `maxBackoffMs`. Default 5 s. */
  backoffMs?: number;
  /** Default 30 min. */
  maxBackoffMs?: number;
  /** How long a claim is held before another worker may take over. Default 60 s. */
  leaseMs?: number;
  /** Idle poll period in ms. Default 2 s. */
  pollMs?: number;
  now?: () => Date;
  /**
   * Asked just before a message is sent: a reason when it no longer holds (a rating card after
   * the rating), and it is then dropped instead of sent. Messages kept back by an outage are
   * re-checked this way, like those held over quiet hours.
   */
  superseded?: (m: Claimed) => Promise<string | undefined>;
  /** Asked next: the body to send instead, when the message now says more (notices held back merged into one). */
  current?: (m: Claimed) => Promise<OutboundBody | undefined>;
}

export interface OutboxWorker {
  /** Delivers everything due now; resolves with how many messages were attempted. */
  drain(): Promise<number>;
  /** Ends polling sooner than the next tick (e.g. right after an enqueue). */
  wake(): void;
  stop(): Promise<void>;
}

export function startOutboxWorker(o: OutboxWorkerOptions): OutboxWorker {
  const log = o.log.child({ job: 'outbox' });
  const maxAttempts = o.maxAttempts ?? 8;
  const backoffMs = o.backoffMs ?? 5000;
  const maxBackoffMs = o.maxBackoffMs ?? 30 * 60_000;
  const leaseMs = o.leaseMs ?? 60_000;
  const pollMs = o.pollMs ?? 2000;
  const now = o.now ?? (() => new Date());

  async function deliver(m: Claimed): Promise<void> {
    const mlog = log.child({ outboxId: m.id, key: m.key, purpose: m.purpose, attempt: m.attempts });
    const able = o.senders.filter((s) => s.canDeliver(m.to));
    const sender = able.find((s) => s.name === m.via) ?? able[0];
    if (!sender) {
      await o.store.markFailed(m, `no channel can deliver to ${m.to.kind}`);
      mlog.error({ to: m.to.kind }, 'outbox message failed: no channel for recipient');
      return;
    }
    const stale = await o.superseded?.(m);
    if (stale) {
      await o.store.markDropped(m, stale);
      mlog.info({ reason: stale }, 'outbox message dropped: no longer holds');
      return;
    }
    const body = (await o.current?.(m)) ?? m.body;
    try {
      await sender.push(m.to, body, { resend: m.mayHaveBeenSent });
    } catch (err) {
      const reason = String((err as Error)?.message ?? err);
      const { transient, retryAfterMs } = retryAfter(err);
      const throttled = err instanceof AppError && err.code === 'wecom.throttled';
      if (!transient || (m.attempts >= maxAttempts && !throttled)) {
        await o.store.markFailed(m, reason);
        mlog.error({ sender: sender.name, reason }, 'outbox message failed for good');
        return;
      }
      const delay = retryAfterMs ?? Math.min(backoffMs * 2 ** (m.attempts - 1), maxBackoffMs);
      await o.store.markRetry(m, new Date(now().getTime() + delay), reason, throttled);
      mlog.warn({ sender: sender.name, reason, delayMs: delay }, 'outbox delivery failed, will retry');
      return;
    }
    if (!(await o.store.markSent(m, sender.name, now()))) mlog.warn('outbox message sent but its claim had lapsed (possible duplicate delivery)');
  }

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let wakeUp: (() => void) | undefined;

  async function drain(): Promise<number> {
    let n = 0;
    for (;;) {
      // Stopping: finish the message in hand, claim no more.
      if (stopped) return n;
      const m = await o.store.claimNext(now, leaseMs);
      if (!m) return n;
      n++;
      await deliver(m);
    }
  }

  async function loop(): Promise<void> {
    while (!stopped) {
      try {
        running = drain();
        await running;
      } catch (err) {
        log.error({ err }, 'outbox worker pass failed');
      } finally {
        running = undefined;
      }
      if (stopped) return;
      await new Promise<void>((r) => {
        wakeUp = r;
        timer = setTimeout(r, pollMs);
      });
    }
  }
  const looping = loop();

  return {
    drain,
    wake: () => {
      if (timer) clearTimeout(timer);
      wakeUp?.();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      wakeUp?.();
      await looping;
    },
  };
}
