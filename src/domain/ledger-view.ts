/**
 * The ledger view: a compact in-memory row per proposal (no audit trail, no contact or reply
 * texts), from which lists, the board, metrics and summaries are answered without a database
 * query (FerretDB scans the whole collection for every query). Pure: rows come in through
 * `apply`, kept current by the store's change feed (see ports.ts `LedgerViewSource`).
 */
import { deriveFacts } from './facts.js';
import { measureProgress } from './measures.js';
import { computeMetrics, metricsByDivision, type MetricGroup, type Metrics, type MetricsPolicy, type OverdueGroup } from './metrics.js';
import type { CaseKind } from './kind.js';
import type { Extension, Proposal } from './model.js';
import type { ProposalFilter } from './ports.js';

/** What the view keeps of a proposal: what lists, metrics, digests and summaries read. */
export type LedgerEntry = Pick<
  Proposal,
  | 'id'
  | 'kind'
  | 'session'
  | 'number'
  | 'title'
  | 'handlingType'
  | 'externalLeadUnit'
  | 'isKey'
  | 'stage'
  | 'leadDivision'
  | 'assistingDivisions'
  | 'responsibleUserid'
  | 'handlerUserid'
  | 'leaderUserid'
  | 'proposers'
  | 'receivedAt'
  | 'milestones'
  | 'nextDueAt'
  | 'nextDueMilestone'
  | 'round'
  | 'facts'
  | 'version'
> & {
  /** Assisting divisions and whether their 协办意见 is in (the text stays in the document). */
  coOpinions: { divisionCode: string; sentAt?: Date }[];
  /** Extension requests waiting for a decision. */
  pendingExtensions: Extension[];
  /** When replies (this round's and earlier ones) were sent, for the week's activity. */
  repliesSentAt: Date[];
  /** A face-to-face contact the member has not yet confirmed or disputed. */
  awaitsConfirmation: boolean;
  /** A contact the member disputed. */
  disputedContact: boolean;
  /** The member has rated this round's reply. */
  ratedThisRound: boolean;
  /** Instant of the last audit event: which proposals changed in a period. */
  changedAt: Date;
  /** Opted into the public results page (公开). */
  published: boolean;
  /** Each measure with a numeric target: its latest value over the target (null when the target is 0). */
  targetRatios: (number | null)[];
};

export type ListOptions = { limit?: number; sort?: 'due' | 'number' };

/** The row the view keeps for `p`. */
export function toLedgerEntry(p: Proposal): LedgerEntry {
  const sent = [...p.priorReplies, ...(p.reply ? [p.reply] : [])].flatMap((r) => (r.sentAt ? [r.sentAt] : []));
  return {
    id: p.id,
    kind: p.kind,
    session: p.session,
    number: p.number,
    title: p.title,
    handlingType: p.handlingType,
    externalLeadUnit: p.externalLeadUnit,
    isKey: p.isKey,
    stage: p.stage,
    leadDivision: p.leadDivision,
    assistingDivisions: p.assistingDivisions,
    responsibleUserid: p.responsibleUserid,
    handlerUserid: p.handlerUserid,
    leaderUserid: p.leaderUserid,
    proposers: p.proposers,
    receivedAt: p.receivedAt,
    milestones: p.milestones,
    nextDueAt: p.nextDueAt,
    nextDueMilestone: p.nextDueMilestone,
    round: p.round,
    // Derived afresh, so the view counts by today's rules whatever rules stored the document.
    facts: deriveFacts(p),
    version: p.version,
    coOpinions: p.coOpinions.map((o) => (o.sentAt ? { divisionCode: o.divisionCode, sentAt: o.sentAt } : { divisionCode: o.divisionCode })),
    pendingExtensions: p.extensions.filter((e) => e.status === 'pending'),
    repliesSentAt: sent,
    awaitsConfirmation: p.contacts.some((c) => c.faceToFace && c.confirmation === 'unconfirmed'),
    disputedContact: p.contacts.some((c) => c.confirmation === 'disputed'),
    ratedThisRound: p.feedback.some((f) => f.round === p.round),
    changedAt: p.events.at(-1)?.at ?? p.receivedAt,
    published: p.published !== undefined,
    targetRatios: p.measures.filter((m) => m.target).map((m) => measureProgress(m)!.ratio),
  };
}

/** Whether `e` passes every field of `f` (the same meaning the store's query gives the filter). */
export function matchesFilter(e: LedgerEntry, f: ProposalFilter): boolean {
  if (f.kind !== undefined && e.kind !== f.kind) return false;
  if (f.session !== undefined && e.session !== f.session) return false;
  if (f.stages && !f.stages.includes(e.stage)) return false;
  if (f.leadDivision !== undefined && e.leadDivision !== f.leadDivision) return false;
  if (f.divisionCode !== undefined && e.leadDivision !== f.divisionCode && !e.assistingDivisions.includes(f.divisionCode)) return false;
  if (f.handlerUserid !== undefined && e.handlerUserid !== f.handlerUserid) return false;
  if (f.proposerUserid !== undefined && !e.proposers.some((p) => p.userid === f.proposerUserid)) return false;
  if (f.handlingType && e.handlingType !== f.handlingType) return false;
  if (f.isKey !== undefined && e.isKey !== f.isKey) return false;
  if (f.dueBefore && !(e.nextDueAt && e.nextDueAt < f.dueBefore)) return false;
  if (f.receivedFrom && e.receivedAt < f.receivedFrom) return false;
  if (f.receivedTo && e.receivedAt >= f.receivedTo) return false;
  if (f.text) {
    const t = f.text;
    if (!e.number.includes(t) && !e.title.includes(t) && !e.proposers.some((p) => p.name.includes(t))) return false;
  }
  return true;
}

/** A proposal number without its padding: '0012' and '12' are the same proposal. */
export const bareNumber = (n: string): string => n.replace(/^0+(?=\d)/, '');

/** Binary string order, as the database sorts strings. */
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** Missing dates sort first, as the database sorts null before any date. */
const cmpDate = (a: Date | undefined, b: Date | undefined): number => (a?.getTime() ?? -Infinity) - (b?.getTime() ?? -Infinity);

export const BY_NUMBER = (a: LedgerEntry, b: LedgerEntry): number => cmp(a.session, b.session) || cmp(a.number, b.number);
export const BY_DUE = (a: LedgerEntry, b: LedgerEntry): number => cmpDate(a.nextDueAt, b.nextDueAt) || cmp(a.number, b.number);

/** Unanswered proposals (二次办理 included) whose reply (主办) or opinion (协办) was due before `asOf`. */
export function isOverdueUnanswered(e: LedgerEntry, asOf: Date): boolean {
  if (e.facts.replied && !e.facts.reanswerPending) return false;
  const due = e.handlingType === 'lead' ? e.milestones.reply?.dueAt : e.milestones.opinion?.dueAt;
  return due !== undefined && due < asOf;
}

/** The categorical facts a metric bucket is keyed on. */
function groupKey(e: LedgerEntry): string {
  const f = e.facts;
  return [
    e.kind,
    e.leadDivision ?? '',
    e.handlingType,
    e.isKey,
    e.stage,
    f.replied,
    f.repliedOnTime,
    f.reanswerPending,
    f.faceToFace,
    f.faceToFaceConfirmed,
    f.satisfaction,
    f.outcome,
    f.measuresTotal,
    f.measuresDone,
  ].join('\u0001');
}

/** Entries folded into metric buckets (the shape `computeMetrics` reads). */
export function metricGroupsOf(entries: Iterable<LedgerEntry>): MetricGroup[] {
  const groups = new Map<string, MetricGroup>();
  for (const e of entries) {
    const key = groupKey(e);
    const g = groups.get(key);
    if (g) g.n += 1;
    else groups.set(key, { kind: e.kind, leadDivision: e.leadDivision, handlingType: e.handlingType, isKey: e.isKey, stage: e.stage, ...e.facts, n: 1 });
  }
  return [...groups.values()];
}

/** Unanswered proposals past due at `asOf`, counted per lead division. */
export function overdueGroupsOf(entries: Iterable<LedgerEntry>, asOf: Date): OverdueGroup[] {
  const counts = new Map<string | undefined, number>();
  for (const e of entries) if (isOverdueUnanswered(e, asOf)) counts.set(e.leadDivision, (counts.get(e.leadDivision) ?? 0) + 1);
  return [...counts].map(([leadDivision, n]) => ({ leadDivision, n }));
}

/** Bureau-wide figures and the same per lead division, over `entries` as they stand at `asOf`. */
export function metricsAt(entries: readonly LedgerEntry[], asOf: Date, policy: MetricsPolicy): { all: Metrics; byDivision: Map<string, Metrics> } {
  const groups = metricGroupsOf(entries);
  const overdue = overdueGroupsOf(entries, asOf);
  return { all: computeMetrics(groups, overdue, policy), byDivision: metricsByDivision(groups, overdue, policy) };
}

/**
 * One shared copy of each value entries repeat: codes, userids, names, stages, and the dates set by
 * the calendar (the day a batch was received, the deadlines counted from it). At 100,000 proposals
 * the copies cost more memory than the entries' own facts. Values unique to a case (its id, number,
 * title, the instants things were done) are not pooled: a pool entry would cost more than it saves.
 * Entries are read-only, so sharing a Date between them is safe. Entries are pooled where they come
 * into a process (store/ledger-view.sync.ts), not by every view: views rebuilt as of past instants
 * take entries pooled already, and pooling them again made building them about eight times slower.
 */
export class ValuePool {
  private readonly strings = new Map<string, string>();
  private readonly dates = new Map<number, Date>();

  /** Absent values pass through as they are: a stored document may hold null where the type says undefined. */
  str<T extends string | null | undefined>(v: T): T {
    if (v == null) return v;
    const held = this.strings.get(v);
    if (held !== undefined) return held as T;
    this.strings.set(v, v);
    return v;
  }

  date<T extends Date | null | undefined>(v: T): T {
    if (v == null) return v;
    const held = this.dates.get(v.getTime());
    if (held) return held as T;
    this.dates.set(v.getTime(), v);
    return v;
  }

  clear(): void {
    this.strings.clear();
    this.dates.clear();
  }

  /**
   * Replaces `e`'s repeated values by the pool's equal copies, in place, and returns it: the entry
   * reads the same, and no copy of it is made (copies left the originals as garbage an idle service kept).
   */
  intern(e: LedgerEntry): LedgerEntry {
    const held = e as unknown as Record<(typeof POOLED_TEXTS)[number], string | null | undefined>;
    for (const k of POOLED_TEXTS) if (held[k] != null) held[k] = this.str(held[k]);
    e.assistingDivisions.forEach((code, i, all) => (all[i] = this.str(code)));
    for (const p of e.proposers) {
      p.name = this.str(p.name);
      if (p.userid != null) p.userid = this.str(p.userid);
    }
    for (const o of e.coOpinions) o.divisionCode = this.str(o.divisionCode);
    for (const m of Object.values(e.milestones)) if (m?.dueAt) m.dueAt = this.date(m.dueAt);
    e.receivedAt = this.date(e.receivedAt);
    if (e.nextDueAt != null) e.nextDueAt = this.date(e.nextDueAt);
    e.facts.satisfaction = this.str(e.facts.satisfaction);
    e.facts.outcome = this.str(e.facts.outcome);
    return e;
  }
}

/** An entry's text fields whose values repeat across entries (codes, userids, stages…). */
const POOLED_TEXTS = [
  'kind',
  'session',
  'handlingType',
  'externalLeadUnit',
  'stage',
  'leadDivision',
  'responsibleUserid',
  'handlerUserid',
  'leaderUserid',
  'nextDueMilestone',
] as const;

/** Every proposal's entry, keyed by id. A newer version replaces an older one; repeats are ignored. */
export class LedgerView {
  private readonly rows = new Map<string, LedgerEntry>();

  get size(): number {
    return this.rows.size;
  }

  /** Takes in entries that may arrive twice or out of order: the highest version wins. */
  apply(entries: Iterable<LedgerEntry>): void {
    for (const e of entries) {
      const held = this.rows.get(e.id);
      if (!held || held.version < e.version) this.rows.set(e.id, e);
    }
  }

  /** Replaces the whole content (a fresh load). */
  reset(entries: Iterable<LedgerEntry>): void {
    this.rows.clear();
    this.apply(entries);
  }

  get(id: string): LedgerEntry | undefined {
    return this.rows.get(id);
  }

  /** The version held for `id` (0 when unknown). */
  versionOf(id: string): number {
    return this.rows.get(id)?.version ?? 0;
  }

  all(): IterableIterator<LedgerEntry> {
    return this.rows.values();
  }

  /** Entries passing `filter` and `where`, in no particular order. */
  select(filter: ProposalFilter, where: (e: LedgerEntry) => boolean = () => true): LedgerEntry[] {
    const out: LedgerEntry[] = [];
    for (const e of this.rows.values()) if (matchesFilter(e, filter) && where(e)) out.push(e);
    return out;
  }

  /** Entries passing `filter` and `where`, sorted ('number' by default) and limited. */
  list(filter: ProposalFilter, options: ListOptions = {}, where?: (e: LedgerEntry) => boolean): LedgerEntry[] {
    const out = this.select(filter, where).sort(options.sort === 'due' ? BY_DUE : BY_NUMBER);
    return options.limit ? out.slice(0, options.limit) : out;
  }

  byNumber(number: string, session?: string, kind?: CaseKind): LedgerEntry[] {
    return this.select({ session, kind }, (e) => e.number === number);
  }
}
