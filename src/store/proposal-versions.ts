/**
 * A proposal's committed versions and its stored document. A change is committed by inserting its
 * revision (`<id>@<version>`, unique: the one atomic write FerretDB 1.24 has); the proposal
 * document is brought up to that version behind it, off the change's path, because on FerretDB's
 * SQLite backend an update or delete by `_id` parses every document in the table (its `WHERE`
 * expression is not the one its `_id` index is built on): about 0.4 s at 10,000 proposals, while
 * an insert or a read by `_id` takes milliseconds.
 *
 * So readers roll forward: a document read by `_id` is followed by its next revisions, and reads
 * of many documents roll forward those listed in `proposal_pending` (a row per committed version
 * the document may not show yet, inserted before the revision and deleted once the document
 * shows it). The document is written by this instance's materializer: soon after the change,
 * once the ledger has been quiet a moment (on SQLite the write holds the database's one write
 * lock for its whole scan), and at the latest a few seconds after. Rows left by a crash are
 * picked up by the periodic sweep of every instance.
 */
import type { Logger } from '../shared/logger.js';
import { insertOnce } from './documents.js';
import { ProposalModel } from './models/proposal.model.js';
import { ProposalPendingModel } from './models/proposal-pending.model.js';
import { ProposalRevisionModel } from './models/proposal-revision.model.js';

type Doc = Record<string, unknown>;

export const revisionId = (proposalId: string, version: number): string => `${proposalId}@${version}`;

/** The revision `version` of a proposal: its full document as of that version, or null. */
export async function readRevision(proposalId: string, version: number): Promise<Doc | null> {
  const rev = await ProposalRevisionModel.collection.findOne({ _id: revisionId(proposalId, version) } as Doc);
  return rev ? (rev.doc as Doc) : null;
}

/**
 * `doc` followed by the revisions committed after it, up to `upTo` (every one when undefined):
 * the proposal as it stands. Bounded by the versions listed as pending, a roll-forward need not
 * look for a revision that does not exist, which FerretDB answers by scanning the collection.
 */
async function latestFrom(doc: Doc, upTo = Infinity): Promise<Doc> {
  let current = doc;
  while (Number(current.version) < upTo) {
    const next = await readRevision(String(current._id), Number(current.version) + 1);
    if (!next) return current;
    current = next;
  }
  return current;
}

/** Before the revision: so any committed version the document may not show is listed. */
export async function markPending(proposalId: string, version: number, at: Date): Promise<void> {
  await insertOnce(() => ProposalPendingModel.collection.insertOne({ _id: revisionId(proposalId, version), proposalId, version, at } as Doc));
}

/** Proposals whose documents may be behind their revisions → the latest version listed for each. */
export type Pending = Map<string, number>;

export async function pendingVersions(filter: Doc = {}): Promise<Pending> {
  const rows = await ProposalPendingModel.collection.find(filter, { projection: { proposalId: 1, version: 1 } }).toArray();
  const out: Pending = new Map();
  for (const r of rows) out.set(String(r.proposalId), Math.max(Number(r.version), out.get(String(r.proposalId)) ?? 0));
  return out;
}

/** Rows older than this are swept by every instance (their writer may be gone). */
const SWEEP_AFTER_MS = 60_000;
const SWEEP_EVERY_MS = 30_000;
/** The document is written once no ledger change was made here for this long… */
const QUIET_MS = 2_000;
/**
 * …or once its change is this old, whatever the traffic; such writes are spaced this far apart,
 * so that under steady traffic on SQLite the write lock stays free most of the time.
 */
const MAX_DELAY_MS = 30_000;
const BUSY_GAP_MS = 1_000;
/** After a failed write, the next try; a proposal failing this often is left to the sweep. */
const RETRY_MS = 5_000;
const MAX_TRIES = 5;

/** Writes proposal documents up to their latest committed version. */
export class ProposalMaterializer {
  /** Proposal id → when it was first scheduled, the earliest next try and how often writing it failed. */
  private readonly dirty = new Map<string, { since: number; notBefore: number; tries: number }>();
  private lastChangeAt = 0;
  /** No write while the ledger is busy before this (see BUSY_GAP_MS). */
  private busyPauseUntil = 0;
  private stopping = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private sweeper: NodeJS.Timeout | undefined;
  private log: Logger | undefined;
  private idleWaiters: (() => void)[] = [];

  /** `held`: the latest version of a proposal this instance holds in memory, if any. */
  constructor(private readonly held: (proposalId: string) => Doc | undefined = () => undefined) {}

  /** `doc` as it stands: rolled forward when a later version of it is listed as pending. */
  async current(doc: Doc): Promise<Doc> {
    return this.currentIn(doc, await pendingVersions({ proposalId: String(doc._id), version: { $gt: Number(doc.version) } }));
  }

  /** Many documents as they stand: those listed in `pending` (read before them) are rolled forward. */
  async currentAll(docs: Doc[], pending: Pending): Promise<Doc[]> {
    const out: Doc[] = [];
    for (const d of docs) out.push(await this.currentIn(d, pending));
    return out;
  }

  /** One of many documents as it stands, by `pending` read before it. */
  async currentIn(doc: Doc, pending: Pending): Promise<Doc> {
    const upTo = pending.get(String(doc._id));
    return upTo === undefined ? doc : this.rollForward(doc, upTo);
  }

  /** The document as of its latest revision up to `upTo`, scheduled for writing when it is behind. */
  private async rollForward(doc: Doc, upTo: number): Promise<Doc> {
    if (Number(doc.version) >= upTo) return doc;
    const latest = await latestFrom(doc, upTo);
    if (latest !== doc) this.schedule(String(doc._id), false);
    return latest;
  }

  /** A version of `proposalId` was committed (`change`: by a change made here, just now). */
  schedule(proposalId: string, change = true): void {
    const now = Date.now();
    if (change) this.lastChangeAt = now;
    if (!this.dirty.has(proposalId)) this.dirty.set(proposalId, { since: now, notBefore: 0, tries: 0 });
    this.arm(this.waitMs());
  }

  /** Sweeps the pending rows now and every half minute (rows of a writer that died, or gave up). */
  start(log: Logger, everyMs = SWEEP_EVERY_MS): void {
    this.log = log;
    const sweep = (olderThanMs: number) => this.sweep(olderThanMs).catch((err: unknown) => log.warn({ err }, 'pending proposal versions: sweep failed'));
    void sweep(0);
    this.sweeper = setInterval(() => void sweep(SWEEP_AFTER_MS), everyMs);
    this.sweeper.unref();
  }

  /** Stops sweeping and writes what is scheduled, once each (what is left stays listed for the next start). */
  async stop(): Promise<void> {
    clearInterval(this.sweeper);
    this.stopping = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.arm(0);
    await this.idle();
  }

  /** Resolves once every scheduled document is written (or left to the sweep). */
  idle(): Promise<void> {
    if (this.dirty.size === 0 && !this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async sweep(olderThanMs: number): Promise<void> {
    const rows = await ProposalPendingModel.collection
      .find({ at: { $lt: new Date(Date.now() - olderThanMs) } } as Doc, { projection: { proposalId: 1 } })
      .toArray();
    for (const r of rows) this.schedule(String(r.proposalId), false);
  }

  private arm(ms: number): void {
    if (this.timer || this.running) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.run().finally(() => {
        this.running = undefined;
        if (this.dirty.size > 0) this.arm(this.waitMs());
        else for (const resolve of this.idleWaiters.splice(0)) resolve();
      });
    }, ms);
    this.timer.unref();
  }

  /** Milliseconds until a document is due: once the ledger is quiet, or its change is old enough. */
  private dueIn(d: { since: number; notBefore: number }, now: number): number {
    if (this.stopping) return 0;
    const quietAt = this.lastChangeAt + QUIET_MS;
    return Math.max(d.notBefore, Math.min(quietAt, Math.max(d.since + MAX_DELAY_MS, this.busyPauseUntil))) - now;
  }

  private waitMs(): number {
    const now = Date.now();
    return Math.max(0, Math.min(...[...this.dirty.values()].map((d) => this.dueIn(d, now))));
  }

  private async run(): Promise<void> {
    for (const [id, d] of this.dirty) {
      const now = Date.now();
      if (this.dueIn(d, now) > 0) continue;
      const busy = !this.stopping && now < this.lastChangeAt + QUIET_MS;
      try {
        await this.write(id);
        this.dirty.delete(id);
        if (busy) {
          this.busyPauseUntil = Date.now() + BUSY_GAP_MS;
          return;
        }
      } catch (err) {
        d.tries++;
        d.notBefore = Date.now() + RETRY_MS;
        if (this.stopping || d.tries >= MAX_TRIES) this.dirty.delete(id);
        this.log?.warn({ err, proposalId: id, tries: d.tries }, 'proposal document not brought up to date; the change is kept in its revision');
      }
    }
  }

  /**
   * Writes the latest version into the document, unguarded (a guarded update is not atomic on
   * FerretDB, and on SQLite scans the table in FerretDB's own code). A slower writer may put an
   * older version back meanwhile; it wrote after the newer revision was inserted, so the look for
   * a next revision that follows every write sees it and writes again. The rows are deleted last.
   * A copy held in memory is written straight away, without reading the document and the
   * revisions before it (each a scan on FerretDB); should it be older than the document, the
   * same look for a next revision puts the document right.
   */
  private async write(id: string): Promise<void> {
    const held = this.held(id);
    if (held) await ProposalModel.collection.replaceOne({ _id: id } as Doc, held);
    let shown: Doc | null = held ?? (await ProposalModel.collection.findOne({ _id: id } as Doc));
    while (shown) {
      const latest = await latestFrom(shown);
      if (latest === shown) break;
      await ProposalModel.collection.replaceOne({ _id: id } as Doc, latest);
      shown = latest;
    }
    const filter = shown ? { proposalId: id, version: { $lte: Number(shown.version) } } : { proposalId: id };
    await ProposalPendingModel.collection.deleteMany(filter as Doc);
  }
}
