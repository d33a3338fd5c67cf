/**
 * 办理时限: every milestone has its own clock, configurable per kind of proposal.
 * A due date is a Shanghai calendar date; it falls due at the end of that day (23:59:59.999 +08:00).
 */
import type { WorkCalendar } from './calendar.js';
import type { CaseKind } from './kind.js';
import type { Extension, HandlingType, Milestone, MilestoneKey, Proposal, Stage } from './model.js';
import { addDays, addMonths, endOfLocalDay, toLocalDate } from './shanghai-time.js';

/** `amount` units after the anchor event; `workday` follows the statutory calendar (调休 included). */
export interface DeadlineRule {
  amount: number;
  unit: 'day' | 'workday' | 'month';
  from: 'received' | 'assigned' | 'replied' | 'reopened';
}

export type DeadlineRules = Record<MilestoneKey, DeadlineRule>;

/**
 * Rules for ordinary proposals, overridden for a kind of case (人大代表建议), then for co-handled,
 * then for key cases (key wins last).
 */
export interface DeadlinePolicy {
  default: DeadlineRules;
  /** Per kind: the milestones whose rule differs from `default` for that kind. */
  kinds?: Partial<Record<CaseKind, Partial<DeadlineRules>>>;
  co?: Partial<DeadlineRules>;
  key?: Partial<DeadlineRules>;
  /** 二次办理: reply due after a 不满意 reopens the case. */
  reopenedReply: DeadlineRule;
  /** Days before a due date from which it counts as "due soon" (临期). */
  dueSoonWorkdays: number;
  /** Longest extension one request may ask, in days. */
  maxExtensionDays: number;
}

/** Milestones each path has; a co-handled proposal has no reply or feedback of its own. */
const PATH_MILESTONES: Record<HandlingType, MilestoneKey[]> = {
  lead: ['assign', 'returnWindow', 'preContact', 'opinion', 'reply', 'feedback'],
  co: ['assign', 'returnWindow', 'preContact', 'opinion'],
};

/** Milestones that are chased; the return window only limits 退回 and is nobody's task. */
const CHASED: MilestoneKey[] = ['assign', 'preContact', 'opinion', 'reply', 'feedback'];

export function ruleFor(policy: DeadlinePolicy, p: Pick<Proposal, 'handlingType' | 'isKey' | 'kind'>, m: MilestoneKey): DeadlineRule {
  return {
    ...policy.default[m],
    ...policy.kinds?.[p.kind]?.[m],
    ...(p.handlingType === 'co' ? policy.co?.[m] : undefined),
    ...(p.isKey ? policy.key?.[m] : undefined),
  };
}

/** The due instant `rule` gives from the anchor instant, before extensions. */
export function dueFrom(anchor: Date, rule: DeadlineRule, calendar: WorkCalendar): Date {
  const day = toLocalDate(anchor);
  const due = rule.unit === 'day' ? addDays(day, rule.amount) : rule.unit === 'month' ? addMonths(day, rule.amount) : calendar.addWorkdays(day, rule.amount);
  return endOfLocalDay(due);
}

function anchorOf(p: Proposal, from: DeadlineRule['from']): Date | undefined {
  switch (from) {
    case 'received':
      return p.receivedAt;
    case 'assigned':
      return p.assignedAt;
    case 'replied':
      return p.reply?.sentAt;
    case 'reopened':
      return p.reopenedAt;
  }
}

function extensionDays(extensions: Extension[], m: MilestoneKey): number {
  return extensions.filter((e) => e.milestone === m && e.status === 'approved').reduce((s, e) => s + e.days, 0);
}

/**
 * Recomputes every milestone's due date from the proposal's anchors and approved extensions,
 * keeping what is already done. Called after every change that moves an anchor.
 */
export function computeMilestones(p: Proposal, policy: DeadlinePolicy, calendar: WorkCalendar): Partial<Record<MilestoneKey, Milestone>> {
  const out: Partial<Record<MilestoneKey, Milestone>> = {};
  for (const m of PATH_MILESTONES[p.handlingType]) {
    const rule = m === 'reply' && p.round > 1 ? policy.reopenedReply : ruleFor(policy, p, m);
    const anchor = anchorOf(p, rule.from);
    const prev = p.milestones[m];
    if (!anchor) continue;
    const base = dueFrom(anchor, rule, calendar);
    const dueAt = new Date(base.getTime() + extensionDays(p.extensions, m) * 86_400_000);
    out[m] = prev?.doneAt ? { dueAt, doneAt: prev.doneAt } : { dueAt };
  }
  return out;
}

/** The earliest open chased milestone: what the nudges and the overdue index look at. */
export function nextDue(p: Pick<Proposal, 'milestones' | 'stage'>): { at: Date; milestone: MilestoneKey } | undefined {
  if (p.stage === 'archived') return undefined;
  let best: { at: Date; milestone: MilestoneKey } | undefined;
  for (const m of CHASED) {
    const ms = p.milestones[m];
    if (!ms || ms.doneAt) continue;
    if (!best || ms.dueAt < best.at) best = { at: ms.dueAt, milestone: m };
  }
  return best;
}

/**
 * The deadline each stage is measured by, in order of preference (the first still open applies):
 * a proposal in 交办 waits to be accepted within the return window, not for its 办前沟通.
 */
const STAGE_MILESTONES: Record<Stage, MilestoneKey[]> = {
  registered: ['assign'],
  assigned: ['returnWindow'],
  researching: ['preContact', 'opinion', 'reply'],
  communicating: ['preContact', 'opinion', 'reply'],
  reviewing: ['reply'],
  signing: ['reply'],
  replying: ['reply'],
  supervising: ['feedback'],
  opinionSent: [],
  feedback: ['feedback'],
  archived: [],
};

/** The deadline that applies where the proposal stands now, if any. */
export function stageDue(p: Pick<Proposal, 'milestones' | 'stage'>): { at: Date; milestone: MilestoneKey } | undefined {
  for (const m of STAGE_MILESTONES[p.stage]) {
    const ms = p.milestones[m];
    if (ms && !ms.doneAt) return { at: ms.dueAt, milestone: m };
  }
  return undefined;
}

export type DueStatus = 'onTrack' | 'dueSoon' | 'overdue' | 'none';

/** 正常 / 临期 / 逾期 for a due instant as of `now`. */
export function dueStatus(dueAt: Date | undefined, now: Date, policy: DeadlinePolicy, calendar: WorkCalendar): DueStatus {
  if (!dueAt) return 'none';
  if (dueAt < now) return 'overdue';
  const soonLimit = endOfLocalDay(calendar.addWorkdays(toLocalDate(now), policy.dueSoonWorkdays));
  return dueAt <= soonLimit ? 'dueSoon' : 'onTrack';
}
