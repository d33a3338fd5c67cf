/**
 * 按时点回看: a proposal as it stood at an earlier instant, rebuilt from its audit trail, so weekly
 * and monthly figures (and a trend) are computed for the period asked, not from today's state.
 *
 * How: every event records the fields it changed. A field that is not a list (or a list a correction
 * recorded whole) records its whole value before the change, so its value at `at` is the `before` of
 * its first change after `at` (or today's value when nothing changed it since). Other lists record
 * their length before the change and the entries added or changed; replaying those from registration,
 * with each step's resulting length read from the next change (or today's list), gives the list at
 * `at` with every entry as it was then.
 * Due dates and metric facts are derived again from the rebuilt state. Pure.
 */
import type { WorkCalendar } from './calendar.js';
import { computeMilestones, nextDue, type DeadlinePolicy } from './deadlines.js';
import { deriveFacts } from './facts.js';
import { toLedgerEntry, type LedgerEntry } from './ledger-view.js';
import type { AuditEvent, Contact, MilestoneKey, Proposal } from './model.js';

export interface AsOfContext {
  calendar: WorkCalendar;
  deadlines: DeadlinePolicy;
}

type Change = AuditEvent['changes'][number];
type Fields = Record<string, unknown>;

/** Entries are matched by id (contacts, measures, extensions) or by division (co-handling opinions). */
function keyOf(x: unknown): string | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const o = x as { id?: unknown; divisionCode?: unknown };
  if (typeof o.id === 'string') return `id:${o.id}`;
  if (typeof o.divisionCode === 'string') return `div:${o.divisionCode}`;
  return undefined;
}

/** The list after one change: `a` before it, `changed` the entries that differ, `n` its new length. */
function placeChanged(a: unknown[], changed: unknown[], n: number): unknown[] {
  if (changed.length === n) return [...changed];
  const b: unknown[] = a.slice(0, n);
  const placed = new Set<number>();
  const rest: unknown[] = [];
  for (const x of changed) {
    const key = keyOf(x);
    const i = key === undefined ? -1 : a.findIndex((y) => keyOf(y) === key);
    if (i >= 0 && i < n && !placed.has(i)) {
      b[i] = x;
      placed.add(i);
    } else rest.push(x);
  }
  // Entries new to the list were appended: they take the last places not updated in place.
  const free = Array.from({ length: n }, (_, i) => i).filter((i) => !placed.has(i));
  free.slice(free.length - rest.length).forEach((i, k) => (b[i] = rest[k]));
  return b;
}

/** `field`'s list at the end of `events[0..cut)`, from all of its changes and today's list. */
function listAt(events: readonly AuditEvent[], cut: number, field: string, today: unknown[]): unknown[] {
  const touches: { index: number; change: Change }[] = [];
  events.forEach((e, index) => {
    for (const change of e.changes) if (change.field === field) touches.push({ index, change });
  });
  const lengthBefore = (k: number): number => {
    const b = touches[k]?.change.before;
    return k >= touches.length ? today.length : typeof b === 'number' ? b : Array.isArray(b) ? b.length : 0;
  };
  // A list recorded whole (a correction) was exactly its `before`; otherwise the list the proposal was
  // registered with is taken as today's up to the first change's length.
  const first = touches[0]?.change.before;
  let list: unknown[] = Array.isArray(first) ? [...first] : today.slice(0, lengthBefore(0));
  for (let k = 0; k < touches.length && touches[k]!.index < cut; k++) {
    const { before, after } = touches[k]!.change;
    if (!Array.isArray(after)) list = [];
    else if (typeof before !== 'number')
      list = [...after]; // recorded whole (a correction, or a list that was unset)
    else list = placeChanged(list, after, lengthBefore(k + 1));
  }
  return list;
}

/**
 * When each milestone was done at `at`. A completion still on record and not later than `at` stands;
 * one recorded later, or cleared since (改派, 退回, 不满意, 撤销), is found from the rebuilt state.
 */
function milestonesDoneAt(p: Proposal, d: Proposal, kept: readonly AuditEvent[], at: Date): Partial<Record<MilestoneKey, Date>> {
  const out: Partial<Record<MilestoneKey, Date>> = {};
  const since = d.assignedAt;
  const after = (x: Date | undefined): Date | undefined => (x && since && x >= since && x <= at ? x : undefined);
  const lastAction = (action: string): AuditEvent | undefined => kept.findLast((e) => e.action === action);
  const firstBeforeContact = (): Date | undefined => {
    for (const e of kept) {
      if (e.action !== 'logContact' || !since || e.at < since) continue;
      const added = e.changes.find((c) => c.field === 'contacts')?.after;
      const c = Array.isArray(added) ? (added.at(-1) as Contact | undefined) : undefined;
      if (c?.phase === 'before') return new Date(c.at);
    }
    return undefined;
  };
  const derived: Record<MilestoneKey, () => Date | undefined> = {
    assign: () => (since && since <= at ? since : undefined),
    returnWindow: () => after(lastAction('accept')?.at),
    preContact: firstBeforeContact,
    opinion: () => (d.handlingType === 'co' ? d.coOpinions[0]?.sentAt : after((d.priorReplies[0] ?? d.reply)?.draftedAt)),
    reply: () => d.reply?.sentAt,
    feedback: () => d.feedback.find((f) => f.round === d.round)?.at,
  };
  for (const m of Object.keys(derived) as MilestoneKey[]) {
    const recorded = p.milestones[m]?.doneAt;
    const done = recorded && new Date(recorded) <= at ? new Date(recorded) : derived[m]();
    if (done) out[m] = done;
  }
  return out;
}

/** `p` as it stood at `at`, or undefined when it was not yet in the ledger. */
export function proposalAsOf(p: Proposal, at: Date, ctx: AsOfContext): Proposal | undefined {
  const registeredAt = p.events[0]?.at ?? p.receivedAt;
  if (new Date(registeredAt) > at) return undefined;
  const cut = p.events.findIndex((e) => new Date(e.at) > at);
  if (cut === -1) return p;
  const kept = p.events.slice(0, cut);
  const d: Fields = { ...p };
  const seen = new Set<string>();
  for (const e of p.events.slice(cut)) {
    for (const c of e.changes) {
      if (seen.has(c.field)) continue;
      seen.add(c.field);
      const today = (p as unknown as Fields)[c.field];
      if (Array.isArray(today) && typeof c.before === 'number') d[c.field] = listAt(p.events, cut, c.field, today);
      else d[c.field] = c.before ?? undefined; // a whole value, lists recorded whole included
    }
  }
  const then = { ...(d as unknown as Proposal), events: kept, version: p.version - (p.events.length - cut) };
  const done = milestonesDoneAt(p, then, kept, at);
  const withDone = { ...then, milestones: Object.fromEntries(Object.entries(done).map(([m, doneAt]) => [m, { dueAt: doneAt, doneAt }])) };
  const milestones = computeMilestones(withDone, ctx.deadlines, ctx.calendar);
  const due = nextDue({ milestones, stage: then.stage });
  const rebuilt: Proposal = { ...then, milestones, nextDueAt: due?.at, nextDueMilestone: due?.milestone };
  return { ...rebuilt, facts: deriveFacts(rebuilt) };
}

/** The ledger view's row for `p` at `at`, or undefined when it was not yet registered. */
export function entryAsOf(p: Proposal, at: Date, ctx: AsOfContext): LedgerEntry | undefined {
  const then = proposalAsOf(p, at, ctx);
  return then && toLedgerEntry(then);
}
