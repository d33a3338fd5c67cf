/**
 * In-memory adapters of the operational ports (src/domain/*.port.ts), for unit tests that need no
 * database. Each keeps the promises its port makes, as the MongoDB adapter in src/store/ keeps
 * them: idempotency keys, claims and leases that only their holder may write under, take-overs
 * that say from whom, limits and newest-first lists, what a purge deletes and what it keeps. The
 * shared contract tests (test/store/contracts/) run against both, so a unit test on these shows
 * what holds on the real store. Times the store stamps itself (createdAt, updatedAt, a change's
 * `at`) are read from the system clock here too; fake it with vi.useFakeTimers.
 *
 * Every call decides on the state as it stands, with no await in between: concurrent callers
 * interleave only between calls, which is what the store's unique inserts guarantee.
 * Adapters are built by functions, not classes: the service passes their methods around alone.
 */
import { randomUUID } from 'node:crypto';
import type { Change, ChangeFeed } from '../../src/domain/change-feed.port.js';
import type { DialogRow, DialogRows } from '../../src/domain/dialog.port.js';
import type { EvidenceFile, EvidenceStore } from '../../src/domain/evidence.port.js';
import type { InboxOutcome, InboxStore, LapsedEntry } from '../../src/domain/inbox.port.js';
import type { Claim, JobRun, JobRunStore, TakenOver } from '../../src/domain/job-run.port.js';
import type { LeaseStore, LeaseTerm } from '../../src/domain/lease.port.js';
import type { LedgerEntry } from '../../src/domain/ledger-view.js';
import type { MetricSnapshotStore } from '../../src/domain/metric-snapshot.port.js';
import type { Claimed, OutboxRow, OutboxStatus, OutboxStore } from '../../src/domain/outbox.port.js';
import type { SessionRevocations } from '../../src/domain/session.port.js';
import type { HeadlineFigures } from '../../src/domain/summary-weekly.js';
import { withoutUndefined } from '../../src/store/documents.js';

/**
 * Copies, as a database would: no caller can change what is stored by keeping a reference, and
 * no two parts of a stored value are one object (structuredClone would keep an object that a
 * value holds twice shared in the copy, so changing it in one place would change the other).
 */
export const stored = <T>(value: T): T => copyTree(value) as T;

function copyTree(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyTree);
  if (value instanceof Date) return new Date(value);
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyTree(v)]));
}

/** A hex id shaped like the ObjectIds the store hands out. */
/** 24 hex digits as an ObjectId has, increasing as the store's do within one process: a later insert sorts after. */
let lastObjectId = 0;
const objectId = (): string => (++lastObjectId).toString(16).padStart(24, '0');

/** Error texts the store keeps, cut as it cuts them. */
const kept = (text: string): string => text.slice(0, 500);

/** Deletes the values `doomed` picks; returns how many. */
function deleteWhere<K, V>(map: Map<K, V>, doomed: (v: V, k: K) => boolean): number {
  let n = 0;
  for (const [k, v] of map) if (doomed(v, k) && map.delete(k)) n++;
  return n;
}

// ---- outbox (domain/outbox.port.ts; store/outbox.repository.ts) ----

interface OutboxRecord extends OutboxRow {
  /** Claims taken so far: each is the next number, never reused (claim ids stay unique). */
  claimSeq: number;
  claimId?: string;
  leaseUntil?: Date;
  updatedAt: Date;
  /** Insertion order: breaks ties between rows created in the same millisecond. */
  seq: number;
}

const FINISHED: readonly OutboxStatus[] = ['sent', 'failed', 'dropped'];

function outboxRow(r: OutboxRecord): OutboxRow {
  return stored({
    id: r.id,
    key: r.key,
    to: r.to,
    body: r.body,
    purpose: r.purpose,
    ...(r.via ? { via: r.via } : {}),
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt,
    ...(r.lastError ? { lastError: r.lastError } : {}),
    ...(r.sender ? { sender: r.sender } : {}),
    ...(r.sentAt ? { sentAt: r.sentAt } : {}),
    createdAt: r.createdAt,
  });
}

export function memoryOutboxStore(): OutboxStore {
  const byId = new Map<string, OutboxRecord>();
  /** Claim rows: `<id>:<claimSeq>` → when taken. */
  const claims = new Map<string, Date>();
  let seq = 0;

  function claim(r: OutboxRecord, clock: () => Date, leaseMs: number): Claimed {
    const at = clock();
    const mayHaveBeenSent = r.status === 'sending' || r.attempts > 0;
    r.claimSeq += 1;
    const claimId = `${r.id}:${r.claimSeq}`;
    claims.set(claimId, at);
    Object.assign(r, { status: 'sending', claimId, attempts: r.attempts + 1, leaseUntil: new Date(at.getTime() + leaseMs), updatedAt: new Date() });
    return { ...outboxRow(r), claimId, mayHaveBeenSent };
  }

  /** Applies `change` when `c` still holds its message; true when it did. */
  function held(c: Claimed, change: Partial<OutboxRecord>): boolean {
    const r = byId.get(c.id);
    if (r?.status !== 'sending' || r.claimId !== c.claimId) return false;
    Object.assign(r, change, { claimId: undefined, leaseUntil: undefined, updatedAt: new Date() });
    return true;
  }

  return {
    async insert(m) {
      if ([...byId.values()].some((r) => r.key === m.key)) return false;
      const { at, ...message } = stored(m);
      const now = new Date();
      const id = objectId();
      byId.set(id, { ...message, id, status: 'pending', attempts: 0, nextAttemptAt: at, claimSeq: 0, createdAt: now, updatedAt: now, seq: seq++ });
      return true;
    },

    async claimNext(clock, leaseMs) {
      const now = clock().getTime();
      const [first] = [...byId.values()]
        .filter((r) => (r.status === 'pending' && r.nextAttemptAt.getTime() <= now) || (r.status === 'sending' && r.leaseUntil!.getTime() <= now))
        .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());
      return first && claim(first, clock, leaseMs);
    },

    async claimByKey(key, clock, leaseMs) {
      const r = [...byId.values()].find((x) => x.key === key);
      const waiting = r && (r.status === 'pending' || (r.status === 'sending' && r.leaseUntil!.getTime() <= clock().getTime()));
      return waiting ? claim(r, clock, leaseMs) : undefined;
    },

    async markSent(c, sender, at) {
      return held(c, { status: 'sent', sender, sentAt: at, lastError: undefined });
    },

    async markRetry(c, nextAttemptAt, error, refund = false) {
      const attempts = byId.get(c.id)?.attempts ?? 0;
      return held(c, { status: 'pending', nextAttemptAt, lastError: kept(error), ...(refund && { attempts: attempts - 1 }) });
    },

    async markFailed(c, error) {
      return held(c, { status: 'failed', lastError: kept(error) });
    },

    async markDropped(c, why) {
      return held(c, { status: 'dropped', lastError: kept(why) });
    },

    async listByKeyPrefix(prefix) {
      return [...byId.values()].filter((r) => r.key.startsWith(prefix)).map(outboxRow);
    },

    async list(filter) {
      // As the driver reads it: a limit of 0 is no limit.
      const limit = Math.min(filter.limit ?? 100, 500) || undefined;
      return [...byId.values()]
        .filter((r) => !filter.status || r.status === filter.status)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.seq - a.seq)
        .slice(0, limit)
        .map(outboxRow);
    },

    async retry(id, now) {
      const r = byId.get(id);
      if (r?.status !== 'failed') return false;
      Object.assign(r, { status: 'pending', attempts: 0, nextAttemptAt: now, updatedAt: new Date() });
      return true;
    },

    async countByStatus(statuses) {
      const rows = [...byId.values()];
      return statuses.map((s) => rows.filter((r) => r.status === s).length);
    },

    async purgeFinished(before) {
      return deleteWhere(byId, (r) => FINISHED.includes(r.status) && r.updatedAt < before);
    },

    async purgeClaims(before) {
      return deleteWhere(claims, (at) => at < before);
    },
  };
}

// ---- job runs (domain/job-run.port.ts; store/job-run.repository.ts) ----

export function memoryJobRunStore(): JobRunStore {
  const runs = new Map<string, JobRun>();
  const key = (job: string, period: string) => `${job}\u0000${period}`;
  /** The run `c` still holds (running, under its owner). */
  const holding = (c: Claim): JobRun | undefined => {
    const r = runs.get(key(c.job, c.period));
    return r?.owner === c.owner && r.status === 'running' ? r : undefined;
  };

  return {
    async claim(job, period, o) {
      const owner = o.owner ?? randomUUID();
      const leaseUntil = new Date(o.now.getTime() + o.leaseMs);
      const before = runs.get(key(job, period));
      if (!before) {
        runs.set(key(job, period), { job, period, status: 'running', owner, leaseUntil, attempts: 1, startedAt: o.now, enqueued: 0, alreadyQueued: 0 });
        return { job, period, owner, attempts: 1 };
      }
      const leaseOver = before.leaseUntil <= o.now;
      const takeable =
        leaseOver &&
        (before.status === 'running' || (before.status === 'failed' && before.attempts < o.maxAttempts) || (before.status === 'done' && o.repeatable));
      if (!takeable) return undefined;
      // A repeatable run done before is simply run again; a run left running or failed is continued, and says from whom.
      const reason = before.status === 'running' ? 'lapsed' : before.status === 'failed' ? 'failed' : undefined;
      const takenOverFrom: TakenOver | undefined = reason && { owner: before.owner, reason, at: o.now };
      const { error: _error, finishedAt: _finishedAt, takenOverFrom: _previous, ...rest } = before;
      const attempts = before.attempts + 1;
      runs.set(key(job, period), { ...rest, status: 'running', owner, leaseUntil, startedAt: o.now, attempts, ...(takenOverFrom && { takenOverFrom }) });
      return { job, period, owner, attempts, ...(before.cursor && { cursor: before.cursor }), ...(takenOverFrom && { takenOverFrom }) };
    },

    async renew(c, now, leaseMs) {
      const r = holding(c);
      if (r) r.leaseUntil = new Date(now.getTime() + leaseMs);
      return r !== undefined;
    },

    async progress(c, counts) {
      const r = holding(c);
      if (r) Object.assign(r, { enqueued: counts.enqueued, alreadyQueued: counts.alreadyQueued });
    },

    async finish(c, now, res) {
      const r = holding(c);
      if (!r) return false;
      const { enqueued, alreadyQueued } = res;
      Object.assign(r, {
        status: 'done',
        finishedAt: now,
        leaseUntil: res.holdUntil ?? now,
        enqueued,
        alreadyQueued,
        ...(res.cursor && { cursor: res.cursor }),
      });
      return true;
    },

    async fail(c, now, error, retryAt) {
      const r = holding(c);
      if (r) Object.assign(r, { status: 'failed', finishedAt: now, leaseUntil: retryAt, error: kept(error) });
    },

    async find(job, period) {
      const r = runs.get(key(job, period));
      return r && stored(r);
    },

    async list(filter = {}) {
      return [...runs.values()]
        .filter((r) => filter.job === undefined || r.job === filter.job)
        .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())
        .slice(0, Math.min(Math.max(filter.limit ?? 50, 1), 500))
        .map(stored);
    },

    async countByJobAndStatus() {
      const counts = new Map<string, { job: string; status: string; n: number }>();
      for (const r of runs.values()) {
        const k = key(r.job, r.status);
        const c = counts.get(k) ?? { job: r.job, status: r.status, n: 0 };
        c.n += 1;
        counts.set(k, c);
      }
      return [...counts.values()];
    },

    async purge(before) {
      return deleteWhere(runs, (r) => r.status !== 'running' && r.startedAt < before);
    },
  };
}

// ---- leader lease (domain/lease.port.ts; store/lease.repository.ts) ----

export function memoryLeaseStore(): LeaseStore {
  const terms = new Map<string, LeaseTerm>();
  const id = (name: string, term: number) => `${name}#${term}`;
  return {
    async latest(name) {
      const mine = [...terms.values()].filter((t) => t.name === name);
      const newest = mine.reduce<LeaseTerm | undefined>((a, t) => (a && a.term >= t.term ? a : t), undefined);
      return newest && stored(newest);
    },
    async term(name, term) {
      const t = terms.get(id(name, term));
      return t && stored(t);
    },
    async insertTerm(t) {
      if (terms.has(id(t.name, t.term))) return false;
      terms.set(id(t.name, t.term), stored(t));
      return true;
    },
    async prune(name, belowTerm) {
      deleteWhere(terms, (t) => t.name === name && t.term < belowTerm);
    },
  };
}

// ---- dialog rows (domain/dialog.port.ts; store/dialog.repository.ts) ----

export function memoryDialogRows(): DialogRows {
  const rows = new Map<string, DialogRow & { userid: string }>();
  return {
    async get(key) {
      const r = rows.get(key);
      return r && { state: stored(r.state), expiresAt: new Date(r.expiresAt) };
    },
    async put(key, userid, state, expiresAt) {
      // As JSON carries it, as the port promises: an absent optional field is left out.
      rows.set(key, { userid, state: JSON.parse(JSON.stringify(state)) as unknown, expiresAt: new Date(expiresAt) });
    },
    async delete(key, expiresAt) {
      const r = rows.get(key);
      if (!r || (expiresAt && r.expiresAt.getTime() !== expiresAt.getTime())) return false;
      return rows.delete(key);
    },
    async purgeExpired(before) {
      return deleteWhere(rows, (r) => r.expiresAt < before);
    },
  };
}

// ---- inbox (domain/inbox.port.ts; store/inbox.store.ts) ----

/** Take-over rows probed past stale ones, as the store does. */
const MAX_STALE_TAKES = 5;

export function memoryInboxStore(): InboxStore {
  const entries = new Map<string, LapsedEntry>();
  /** Outcome rows by entry id; like the store's, they may exist without (or outlive) their entry. */
  const outcomes = new Map<string, { outcome: InboxOutcome; at: Date; detail?: string }>();
  /** Take-over rows: `<id>#take@<lapsed lease ms>[#n]` → when taken, and of which entry. */
  const takes = new Map<string, { entryId: string; at: Date }>();

  return {
    async add(e, owner, leaseUntil) {
      if (entries.has(e.id)) return 'duplicate';
      entries.set(e.id, stored({ ...e, owner, leaseUntil }));
      return 'added';
    },

    async renew(ids, owner, leaseUntil) {
      for (const id of ids) {
        const e = entries.get(id);
        if (e?.owner === owner) e.leaseUntil = new Date(leaseUntil);
      }
    },

    async scanOpen(now, limit) {
      const open = [...entries.values()].filter((e) => !outcomes.has(e.id));
      const lapsed = open
        .filter((e) => e.leaseUntil <= now)
        .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime())
        .slice(0, limit)
        .map(stored);
      return { open: open.length, lapsed };
    },

    async takeOver(e, owner, leaseUntil) {
      // As the store decides it: one take-over row per lapsed lease; a row older than a lease
      // (its taker died before extending the lease) lets the next number be raced for.
      const now = new Date();
      for (let n = 1; n <= MAX_STALE_TAKES; n++) {
        const id = `${e.id}#take@${e.leaseUntil.getTime()}${n > 1 ? `#${n}` : ''}`;
        const taken = takes.get(id);
        if (!taken) {
          takes.set(id, { entryId: e.id, at: now });
          const entry = entries.get(e.id);
          if (entry) Object.assign(entry, { owner, leaseUntil: new Date(leaseUntil) });
          return true;
        }
        if (taken.at.getTime() + (leaseUntil.getTime() - now.getTime()) > now.getTime()) return false;
      }
      return false;
    },

    async finish(id, outcome, at, detail) {
      if (outcomes.has(id)) return false;
      outcomes.set(id, { outcome, at, ...(detail && { detail: kept(detail) }) });
      return true;
    },

    async withOutcome(ids) {
      return new Set(ids.filter((id) => outcomes.has(id)));
    },

    async purge(before) {
      const over = [...entries.values()].filter((e) => outcomes.has(e.id) && e.receivedAt < before).map((e) => e.id);
      for (const id of over) {
        entries.delete(id);
        outcomes.delete(id);
        deleteWhere(takes, (t) => t.entryId === id);
      }
      return over.length;
    },
  };
}

// ---- the smaller ports ----

/** Metric snapshots (domain/metric-snapshot.port.ts; store/metric-snapshot.repository.ts). */
export function memoryMetricSnapshots(): MetricSnapshotStore {
  const rows = new Map<string, { at: Date; figures: HeadlineFigures }>();
  return {
    async save(kind, period, at, figures) {
      rows.set(`${kind}:${period}`, { at, figures: stored(figures) });
    },
    async purge(before) {
      return deleteWhere(rows, (r) => r.at < before);
    },
  };
}

/** Evidence photos (domain/evidence.port.ts; store/evidence.store.ts). */
export function memoryEvidenceStore(): EvidenceStore {
  const files = new Map<string, EvidenceFile>();
  return {
    async save(file) {
      const id = objectId();
      files.set(id, { data: Buffer.from(file.data), contentType: file.contentType, metadata: { ...file.metadata } });
      return id;
    },
    async read(id) {
      const file = files.get(id);
      if (!file) throw new Error(`evidence file ${id} not found`);
      return Buffer.from(file.data);
    },
  };
}

/** Signed-out sessions (domain/session.port.ts; store/session-revocation.repository.ts). */
export function memorySessionRevocations(): SessionRevocations {
  const revoked = new Map<string, Date>();
  return {
    async revoke(sid, expiresAt, now) {
      // Revoked already (another tab): the first row stands.
      if (!revoked.has(sid)) revoked.set(sid, expiresAt);
      deleteWhere(revoked, (until) => until <= now);
    },
    async isRevoked(sid) {
      return revoked.has(sid);
    },
  };
}

/** The change feed (domain/change-feed.port.ts; store/change-log.ts). */
export function memoryChangeFeed(): ChangeFeed {
  type Row = Change | { id: 'epoch'; at: Date; kind: 'epoch'; epoch: string };
  /** Insertion order, as the store reads its rows back. */
  const rows = new Map<string, Row>();
  const insert = (row: Row) => void (rows.has(row.id) || rows.set(row.id, row));
  return {
    async publishEntries(entries) {
      const at = new Date();
      for (const e of entries) insert({ id: `${e.id}@${e.version}`, at, kind: 'proposal', entry: stored(withoutUndefined(e)) });
    },
    async publishDirectory() {
      insert({ id: `directory:${randomUUID()}`, at: new Date(), kind: 'directory' });
    },
    async epoch() {
      insert({ id: 'epoch', at: new Date(), kind: 'epoch', epoch: randomUUID() });
      return (rows.get('epoch') as { epoch: string }).epoch;
    },
    async read(since, seen = []) {
      const skip = new Set(seen);
      let epoch: string | undefined;
      const changes: Change[] = [];
      for (const row of rows.values()) {
        if (row.kind === 'epoch') epoch = row.epoch;
        else if (row.at >= since && !skip.has(row.id)) changes.push(row.kind === 'proposal' ? { ...row, entry: stored<LedgerEntry>(row.entry) } : { ...row });
      }
      return { epoch, changes };
    },
    async purge(before) {
      return deleteWhere(rows, (r) => r.kind !== 'epoch' && r.at < before);
    },
  };
}
