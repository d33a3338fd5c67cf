/**
 * The durable inbox's working half: channels hand it each verified message (`accept`: one insert,
 * then they acknowledge), and its drainer handles the entries afterwards.
 *
 * - Order: entries run with bounded concurrency; entries sharing an ordering key (the sender, and
 *   the proposal when the text names one) run one at a time in arrival order.
 * - Crashes: the accepting instance owns an entry under a short lease it keeps renewing. Any
 *   instance (this one at its next start included) takes over entries whose lease lapsed without
 *   an outcome, by a unique insert, and handles them. Handling twice is harmless: a ledger change
 *   carries its message's id and is found instead of made again, and replies go through the
 *   outbox under the entry's id.
 * - Failures: an unexpected error (database down…) is not apologised for; the entry is handled
 *   again with backoff, and only after `maxAttempts` recorded as failed with a careful answer.
 * - Replies: written to the outbox first (`reply:<entry>:<n>`), then sent at once on the live
 *   transport; when that fails the outbox worker delivers them later. Nobody is told to resend a
 *   change that was applied.
 */
import { INBOUND_LIMITS, type Arrival, type InboundChannel, type InboundIntake, type InboundMessage, type MessageHandler } from '../channels/contract.js';
import type { Recipient, ReplyFn } from '../shared/outbound.js';
import type { InboxEntry, InboxStore, LapsedEntry } from '../domain/inbox.port.js';
import type { Logger } from '../shared/logger.js';
import type { Outbox } from '../outbox/outbox.js';
import { texts } from './conversation.texts.js';
import { findRef } from './parse/intent.js';
import { normalizeSource } from './parse/source.js';
import { bareNumber } from '../domain/ledger-view.js';
import { decodeButton } from './button.codec.js';
import { AppError } from '../shared/app-error.js';

/** What the inbox needs from each channel it keeps messages for. */
export interface InboxChannel {
  /** The stored payload as a message again; undefined when it cannot be read (logged, recorded failed). */
  decode(payload: Record<string, unknown>, receivedAt: Date): InboundMessage | undefined;
  /** Answers a message whose live transport is gone (handled after a crash); none: the outbox delivers. */
  replier?(message: InboundMessage): ReplyFn | undefined;
}

export interface InboxOptions {
  store: InboxStore;
  handler: MessageHandler;
  channels: Partial<Record<InboundChannel, InboxChannel>>;
  /** Replies are queued here first; without one (channel tests) they go straight to the transport. */
  outbox?: Pick<Outbox, 'enqueue' | 'sendNow'>;
  /** Names this instance as the owner of the entries it handles. */
  owner: string;
  log: Logger;
  /** Lease on an entry; another instance takes it over this long after its owner went silent. Default 10 s. */
  leaseMs?: number;
  /** Entries handled at once. Default 4. */
  concurrency?: number;
  /** Attempts before an entry is recorded as failed. Default 20 (about 3 minutes of backoff). */
  maxAttempts?: number;
  /** First retry delay, doubled per attempt up to 10 s. Default 1 s. */
  retryMs?: number;
  /** How long `accept` waits for the insert before refusing (WeCom waits 5 s). Default 2.5 s. */
  acceptTimeoutMs?: number;
  /** Told the number of entries without an outcome after every scan (the gauge). */
  onOpenCount?: (n: number) => void;
  now?: () => Date;
}

export interface Inbox extends InboundIntake {
  /** Takes over lapsed entries now and updates the open count; resolves with how many were taken. */
  recover(): Promise<number>;
  /** Entries this instance holds (queued or being handled). */
  held(): number;
  /** Stops taking and handling entries; the one being handled finishes; the rest are released. */
  stop(): Promise<void>;
}

/** The inbox could not keep the message in time: the channel answers 5xx and WeCom retries. */
export class InboxUnavailable extends AppError {
  constructor(reason: string) {
    super('inbox.unavailable', `inbox unavailable: ${reason}`);
  }
}

interface Item {
  entry: InboxEntry;
  message: InboundMessage;
  live?: ReplyFn;
  keys: string[];
  attempts: number;
  /** Taken over from a lapsed lease: check for an outcome before handling. */
  recovered: boolean;
  running: boolean;
  notBefore: number;
}

/** Short enough that a backlog left by a database outage is handled within seconds of its return. */
const MAX_RETRY_MS = 10_000;
/** How long the outbox worker leaves a reply to its live transport. */
const LIVE_REPLY_HEADSTART_MS = 10_000;
/** Lapsed entries taken per scan. */
const SCAN_LIMIT = 100;

/**
 * What must not run at the same time as, or overtake, this message: its sender (guided steps
 * read the previous answer), and the proposal it names (commands on one proposal apply in order).
 * A card carries the proposal's id, a text its number: the two are ordered per sender only, and
 * the ledger's version check keeps them apart.
 */
export function orderingKeys(message: InboundMessage): string[] {
  const keys = [`sender:${message.senderId}`];
  if (message.kind === 'text') {
    const ref = message.text.length <= 2 * INBOUND_LIMITS.textChars ? findRef(normalizeSource(message.text).text) : undefined;
    if (ref) keys.push(`proposal:${bareNumber(ref.number)}`);
  } else if (message.kind === 'cardAction') {
    const action = decodeButton(message.key);
    if (action?.proposalId) keys.push(`proposal-id:${action.proposalId}`);
  }
  return keys;
}

const recipientOf = (m: InboundMessage): Recipient => (m.chatType === 'group' ? { kind: 'chat', chatId: m.chatId } : { kind: 'user', userid: m.senderId });

export function startInbox(o: InboxOptions): Inbox {
  const log = o.log.child({ component: 'inbox' });
  const now = o.now ?? (() => new Date());
  const leaseMs = o.leaseMs ?? 10_000;
  const concurrency = o.concurrency ?? 4;
  const maxAttempts = o.maxAttempts ?? 20;
  const retryMs = o.retryMs ?? 1000;
  const acceptTimeoutMs = o.acceptTimeoutMs ?? 2500;
  const queue: Item[] = [];
  const byId = new Map<string, Item>();
  let stopped = false;
  let pumpTimer: NodeJS.Timeout | undefined;
  let running = 0;
  const idleWaiters: (() => void)[] = [];

  function submit(item: Item): void {
    if (stopped || byId.has(item.entry.id)) return;
    byId.set(item.entry.id, item);
    queue.push(item);
    pump();
  }

  /** Starts every entry that may run now: free slot, no busy or earlier-queued entry sharing a key. */
  function pump(): void {
    if (stopped) return;
    const blocked = new Set<string>();
    let wakeAt = Infinity;
    const t = Date.now();
    for (const item of queue) {
      if (running >= concurrency) break;
      const free = !item.running && item.notBefore <= t && item.keys.every((k) => !blocked.has(k));
      for (const k of item.keys) blocked.add(k);
      if (!item.running && item.notBefore > t) wakeAt = Math.min(wakeAt, item.notBefore);
      if (!free) continue;
      item.running = true;
      running++;
      void run(item).finally(() => {
        item.running = false;
        running--;
        if (running === 0) for (const w of idleWaiters.splice(0)) w();
        pump();
      });
    }
    if (pumpTimer) clearTimeout(pumpTimer);
    pumpTimer = wakeAt < Infinity ? setTimeout(pump, Math.max(0, wakeAt - Date.now())) : undefined;
  }

  function release(item: Item): void {
    byId.delete(item.entry.id);
    queue.splice(queue.indexOf(item), 1);
  }

  /**
   * Replies for one attempt: queued under the entry's id and their order (the same on every
   * attempt, so a reply sent before a crash is not sent again), then sent at once on the live transport.
   */
  function replies(item: Item, tag?: string): ReplyFn {
    const { outbox } = o;
    let n = 0;
    return async (body) => {
      if (!outbox) {
        if (!item.live) throw new Error(`no way to answer a ${item.message.channel} message`);
        return item.live(body);
      }
      const key = `reply:${item.entry.id}:${tag ?? n++}`;
      // With a live transport the reply is sent right here; the worker steps in only if that fails.
      const notBefore = item.live && new Date(now().getTime() + LIVE_REPLY_HEADSTART_MS);
      await outbox.enqueue({ key, to: recipientOf(item.message), body, purpose: 'reply', via: item.message.channel, ...(notBefore && { notBefore }) });
      if (item.live) await outbox.sendNow(key, item.live);
    };
  }

  async function run(item: Item): Promise<void> {
    const { entry } = item;
    const mlog = log.child({ messageId: item.message.messageId, channel: entry.channel, kind: item.message.kind, sender: entry.sender });
    try {
      if (item.recovered && item.attempts === 0 && (await o.store.withOutcome([entry.id])).size > 0) {
        release(item);
        return;
      }
      item.attempts++;
      await o.handler.handle(item.message, replies(item), { retried: true });
      await o.store.finish(entry.id, 'done', now());
      release(item);
    } catch (err) {
      if (item.attempts >= maxAttempts) {
        mlog.error({ err, attempts: item.attempts }, '消息多次处理失败，已放弃 / inbox entry failed for good');
        await giveUp(item, String((err as Error)?.message ?? err)).catch((e: unknown) => mlog.error({ err: e }, 'inbox entry failure not recorded'));
        return;
      }
      const delay = Math.min(retryMs * 2 ** (item.attempts - 1), MAX_RETRY_MS);
      item.notBefore = Date.now() + delay;
      mlog.warn({ err, attempt: item.attempts, delayMs: delay }, 'inbox entry handling failed; will try again');
    }
  }

  /** Out of attempts: recorded as failed, and the sender told so (not told to resend blindly: it may have been applied). */
  async function giveUp(item: Item, reason: string): Promise<void> {
    if (await o.store.finish(item.entry.id, 'failed', now(), reason)) await replies(item, 'failed')({ type: 'text', text: texts.gaveUp });
    release(item);
  }

  async function accept(a: Arrival): Promise<'accepted' | 'duplicate'> {
    if (stopped) throw new InboxUnavailable('stopping');
    const receivedAt = now();
    const entry: InboxEntry = { id: a.id, channel: a.message.channel, sender: a.message.senderId, payload: a.payload, receivedAt };
    const item: Item = { entry, message: a.message, live: a.reply, keys: orderingKeys(a.message), attempts: 0, recovered: false, running: false, notBefore: 0 };
    // Should the insert land after we gave up waiting, the entry is ours: handle it anyway.
    const adding = o.store.add(entry, o.owner, new Date(receivedAt.getTime() + leaseMs)).then((r) => {
      if (r === 'added') submit(item);
      return r;
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new InboxUnavailable(`no answer from the database within ${acceptTimeoutMs} ms`)), acceptTimeoutMs);
    });
    try {
      return (await Promise.race([adding, timeout])) === 'added' ? 'accepted' : 'duplicate';
    } finally {
      clearTimeout(timer);
    }
  }

  function decode(e: LapsedEntry): InboundMessage | undefined {
    try {
      return o.channels[e.channel as InboundChannel]?.decode(e.payload, e.receivedAt);
    } catch {
      return undefined;
    }
  }

  async function recover(): Promise<number> {
    if (stopped) return 0;
    const { open, lapsed } = await o.store.scanOpen(now(), SCAN_LIMIT);
    o.onOpenCount?.(open);
    let taken = 0;
    for (const e of lapsed) {
      if (stopped) break;
      if (byId.has(e.id)) continue; // ours and still queued (a renewal did not get through): keep it
      if (!(await o.store.takeOver(e, o.owner, new Date(now().getTime() + leaseMs)))) continue;
      taken++;
      const message = decode(e);
      if (!message) {
        log.error({ entry: e.id, channel: e.channel }, 'inbox entry cannot be read; recorded as failed');
        await o.store.finish(e.id, 'failed', now(), 'payload cannot be decoded');
        continue;
      }
      log.warn({ entry: e.id, previousOwner: e.owner, leaseUntil: e.leaseUntil }, '接手处理中断的消息 / taking over an inbox entry whose owner stopped');
      const live = o.channels[e.channel as InboundChannel]?.replier?.(message);
      submit({ entry: e, message, live, keys: orderingKeys(message), attempts: 0, recovered: true, running: false, notBefore: 0 });
    }
    return taken;
  }

  let scanning: Promise<unknown> = Promise.resolve();
  const scan = (): Promise<number> => {
    const p = scanning.then(recover);
    scanning = p.catch((err: unknown) => log.warn({ err }, 'inbox scan failed'));
    return p;
  };
  // Renew well before a lease ends, so a slow database or a busy event loop does not let it lapse.
  const renewTimer = setInterval(
    () => {
      const ids = [...byId.keys()];
      void o.store.renew(ids, o.owner, new Date(now().getTime() + leaseMs)).catch((err: unknown) => log.warn({ err }, 'inbox lease renewal failed'));
    },
    Math.max(50, Math.floor(leaseMs / 3)),
  );
  const scanTimer = setInterval(() => void scan().catch(() => undefined), Math.max(100, Math.floor(leaseMs / 2)));
  renewTimer.unref();
  scanTimer.unref();
  void scan().catch(() => undefined);

  return {
    accept,
    recover: scan,
    held: () => byId.size,
    async stop() {
      stopped = true;
      clearInterval(renewTimer);
      clearInterval(scanTimer);
      if (pumpTimer) clearTimeout(pumpTimer);
      await scanning;
      if (running > 0) await new Promise<void>((r) => idleWaiters.push(r));
      // Hand what is left to the others (or to the next start) at once instead of after the lease.
      const left = [...byId.keys()];
      if (left.length > 0) await o.store.renew(left, o.owner, now()).catch(() => undefined);
    },
  };
}
