/**
 * Durable, exactly-once hand-off of inbound messages, shared by the WeCom channels.
 *
 * A message is claimed BEFORE it is handled: inserting `{_id: key, status: 'handling',
 * leaseUntil}` either succeeds (we handle it) or hits the unique _id (someone has or had it).
 * A duplicate may re-take the claim only while it is still `handling` and its lease has run
 * out, which is what a process that crashed mid-handling leaves behind; the re-take itself is
 * a unique insert (`<key>#take<n>`), so two retries cannot both re-take it. `done` and
 * `failed` claims are final.
 *
 * Honest limits:
 * - The lease must exceed the slowest normal handling; a retry arriving after the lease of a
 *   handler that is still running (not crashed) would handle the message a second time.
 * - The app callback acknowledges right after the claim and handles afterwards; if the process
 *   dies after the acknowledgement, WeCom does not retry, so that message is not handled
 *   (its claim stays `handling` and `listStaleClaims` shows it to an operator).
 */
import { InboundDedupModel } from '../store/models/inbound-dedup.model.js';

export type ClaimResult = 'claimed' | 'duplicate';

export interface InboundDedup {
  claim(key: string, channel: string): Promise<ClaimResult>;
  done(key: string): Promise<void>;
  failed(key: string, reason: string): Promise<void>;
  /** Claims left `handling` past their lease: crashed handlers, for the operator. */
  listStaleClaims(): Promise<{ key: string; channel: string; since: Date }[]>;
  /** Deletes finished claims older than `before` (WeCom retries within minutes; keep a day or more). */
  purge(before: Date): Promise<number>;
}

export interface InboundDedupOptions {
  /** Default 30 s: longer than a normal handling, shorter than WeCom's retry span (~3 × 5 s) plus slack. */
  leaseMs?: number;
  now?: () => Date;
}

const isDuplicateKey = (err: unknown) => (err as { code?: number }).code === 11000;

export function createInboundDedup(options: InboundDedupOptions = {}): InboundDedup {
  const leaseMs = options.leaseMs ?? 30_000;
  const now = options.now ?? (() => new Date());
  return {
    async claim(key, channel) {
      const t = now();
      const leaseUntil = new Date(t.getTime() + leaseMs);
      try {
        await InboundDedupModel.create({ _id: key, channel, status: 'handling', leaseUntil, takes: 1 });
        return 'claimed';
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      const current = await InboundDedupModel.findById(key).lean();
      if (!current || current.status !== 'handling' || current.leaseUntil > t) return 'duplicate';
      // Re-take by inserting a marker with a unique id: on FerretDB 1.24 a status-guarded
      // update lets concurrent callers all succeed, a unique insert lets exactly one.
      const takes = current.takes + 1;
      try {
        await InboundDedupModel.create({ _id: `${key}#take${takes}`, channel, status: 'done', leaseUntil: t, takes });
      } catch (err) {
        if (isDuplicateKey(err)) return 'duplicate';
        throw err;
      }
      await InboundDedupModel.updateOne({ _id: key }, { $set: { leaseUntil, takes } });
      return 'claimed';
    },
    async done(key) {
      await InboundDedupModel.updateOne({ _id: key }, { $set: { status: 'done' } });
    },
    async failed(key, reason) {
      await InboundDedupModel.updateOne({ _id: key }, { $set: { status: 'failed', error: reason.slice(0, 500) } });
    },
    async listStaleClaims() {
      const rows = await InboundDedupModel.find({ status: 'handling', leaseUntil: { $lte: now() } })
        .sort({ leaseUntil: 1 })
        .limit(100)
        .lean();
      return rows.map((r) => ({ key: r._id, channel: r.channel, since: r.leaseUntil }));
    },
    async purge(before) {
      const r = await InboundDedupModel.deleteMany({ status: { $in: ['done', 'failed'] }, createdAt: { $lt: before } });
      return r.deletedCount;
    },
  };
}
