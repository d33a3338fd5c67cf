/**
 * Durable, exactly-once hand-off of inbound messages, shared by the WeCom channels.
 *
 * A message is claimed BEFORE it is handled, by inserting a row whose _id is the message's
 * key: the insert either succeeds (we handle it) or hits the unique _id (someone has or had
 * it). Finishing inserts `<key>#done` (or `#failed`). A duplicate may re-take a claim only
 * when it has neither, and its lease has run out: what a process that crashed mid-handling
 * leaves behind. The re-take is itself a unique insert (`<key>#take@<lease>`), so two retries
 * cannot both win. Only inserts are used: see inbound-dedup.model.ts for why.
 *
 * Honest limits:
 * - The lease must exceed the slowest normal handling; a retry arriving after the lease of a
 *   handler that is still running (not crashed) would handle the message a second time.
 * - The app callback acknowledges right after the claim and handles afterwards; if the process
 *   dies after the acknowledgement, WeCom does not retry, so that message is not handled.
 *   Its claim stays unfinished and `listStaleClaims` shows it to an operator.
 */
import { InboundDedupModel } from '../store/models/inbound-dedup.model.js';

export type ClaimResult = 'claimed' | 'duplicate';

export interface InboundDedup {
  claim(key: string, channel: string): Promise<ClaimResult>;
  done(key: string, channel: string): Promise<void>;
  failed(key: string, channel: string, reason: string): Promise<void>;
  /** Claims never finished and past their lease (crashed handlers), oldest first, at most 100. */
  listStaleClaims(): Promise<{ key: string; channel: string; since: Date }[]>;
  /** Deletes rows older than `before` (WeCom retries within a minute; keep a day or more). */
  purge(before: Date): Promise<number>;
}

export interface InboundDedupOptions {
  /** Default 30 s: longer than a normal handling, about WeCom's retry span (3 × 5 s) plus slack. */
  leaseMs?: number;
  now?: () => Date;
}

const isDuplicateKey = (err: unknown) => (err as { code?: number }).code === 11000;

/** Inserts `row`; false when its _id exists already. */
async function insertOnce(row: Record<string, unknown>): Promise<boolean> {
  try {
    await InboundDedupModel.create(row);
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

async function finished(keys: string[]): Promise<Set<string>> {
  const ids = keys.flatMap((k) => [`${k}#done`, `${k}#failed`]);
  const rows = await InboundDedupModel.find({ _id: { $in: ids } }, { _id: 1 }).lean();
  return new Set(rows.map((r) => r._id.replace(/#(done|failed)$/, '')));
}

export function createInboundDedup(options: InboundDedupOptions = {}): InboundDedup {
  const leaseMs = options.leaseMs ?? 30_000;
  const now = options.now ?? (() => new Date());
  return {
    async claim(key, channel) {
      const t = now();
      const leaseUntil = new Date(t.getTime() + leaseMs);
      if (await insertOnce({ _id: key, kind: 'claim', channel, leaseUntil })) return 'claimed';
      const claim = await InboundDedupModel.findById(key).lean();
      if (!claim?.leaseUntil || claim.leaseUntil > t || (await finished([key])).size > 0) return 'duplicate';
      // Named after the lease being re-taken: every retry that saw this expired lease races
      // for the same _id, and once the winner extends the lease, later ones see it unexpired.
      const take = `${key}#take@${claim.leaseUntil.getTime()}`;
      if (!(await insertOnce({ _id: take, kind: 'take', channel }))) return 'duplicate';
      await InboundDedupModel.updateOne({ _id: key }, { $set: { leaseUntil } });
      return 'claimed';
    },
    async done(key, channel) {
      await insertOnce({ _id: `${key}#done`, kind: 'done', channel });
    },
    async failed(key, channel, reason) {
      await insertOnce({ _id: `${key}#failed`, kind: 'failed', channel, error: reason.slice(0, 500) });
    },
    async listStaleClaims() {
      const claims = await InboundDedupModel.find({ kind: 'claim', leaseUntil: { $lte: now() } })
        .sort({ leaseUntil: 1 })
        .limit(500)
        .lean();
      const over = await finished(claims.map((c) => c._id));
      return claims
        .filter((c) => !over.has(c._id))
        .slice(0, 100)
        .map((c) => ({ key: c._id, channel: c.channel, since: c.leaseUntil! }));
    },
    async purge(before) {
      return (await InboundDedupModel.deleteMany({ createdAt: { $lt: before } })).deletedCount;
    },
  };
}
