/**
 * 每日催办提醒: who should hear about which proposal today, and the one message each person
 * gets. Pure: proposals in, a map of recipient → items out; rendering is separate (present/digest.ts)
 * so previews and the conversation layer can reuse it.
 *
 * Who hears about what (the escalation ladder):
 *   - the designated handler (专人), or the division head while there is none, about their
 *     milestones due soon (临期) or overdue (逾期); the coordinators about unassigned proposals
 *     past the assignment deadline;
 *   - the division head (第一责任人) as well once a milestone is overdue (key proposals: once due soon);
 *   - the leader in charge (分管负责同志) once overdue by N working days (fewer for key proposals);
 *   - the heads of assisting divisions whose co-handling opinion (协办意见) is due soon or late,
 *     while the lead handler sees which opinions are still missing;
 *   - the approvers (coordinators, leader in charge) of pending extension requests.
 */
import type { CaseKind } from './kind.js';
import type { WorkCalendar } from './calendar.js';
import { dueStatus, type DeadlinePolicy } from './deadlines.js';
import type { LedgerEntry } from './ledger-view.js';
import type { Division, MilestoneKey, Person, Proposal } from './model.js';
import { toLocalDate } from './shanghai-time.js';
import { stageIndex } from './stages.js';

/** How nudges escalate; see config/schedules.yaml. */
export interface EscalationPolicy {
  leaderAfterWorkdays: number;
  key: { divisionHeadWhenDueSoon: boolean; leaderAfterWorkdays: number };
}

/** Why an item is in someone's digest; each reason is one section of the message. */
export const DIGEST_REASONS = ['overdue', 'dueSoon', 'division', 'leader', 'coOpinion', 'awaitingCoOpinions', 'extension'] as const;
export type DigestReason = (typeof DIGEST_REASONS)[number];

export interface DigestItem {
  reason: DigestReason;
  proposalId: string;
  kind: CaseKind;
  number: string;
  title: string;
  isKey: boolean;
  milestone?: MilestoneKey;
  dueAt?: Date;
  overdue: boolean;
  /** Working days past the due date (0 when not overdue). */
  overdueWorkdays: number;
  /** Lead division's name. */
  divisionName?: string;
  /** Who should act: the handler, else the division head (names). */
  responsible?: string;
  /** Assisting divisions (names) whose opinion is missing. */
  missingCoOpinions?: string[];
  extension?: { days: number; reason: string; requestedBy: string };
}

export interface DigestContext {
  now: Date;
  calendar: WorkCalendar;
  deadlines: DeadlinePolicy;
  escalation: EscalationPolicy;
  divisions: ReadonlyMap<string, Division>;
  people: ReadonlyMap<string, Person>;
  /** Userids of the 政策法规处 coordinators. */
  coordinators: readonly string[];
}

/** Milestones someone is chased for, in the order a proposal meets them. */
const CHASED: MilestoneKey[] = ['assign', 'preContact', 'opinion', 'reply', 'feedback'];

/** Open chased milestones of a proposal (all of them, not only the earliest as `nextDue` gives). */
export function openMilestones(p: Pick<Proposal, 'milestones' | 'stage'>): { milestone: MilestoneKey; dueAt: Date }[] {
  if (p.stage === 'archived') return [];
  const out: { milestone: MilestoneKey; dueAt: Date }[] = [];
  for (const m of CHASED) {
    const ms = p.milestones[m];
    if (ms && !ms.doneAt) out.push({ milestone: m, dueAt: new Date(ms.dueAt) });
  }
  return out;
}

const SIGNING = stageIndex('lead', 'signing');

/** Builds every person's digest items for `ctx.now`. Recipients with nothing to hear are absent. */
export function collectDigestItems(proposals: Iterable<LedgerEntry>, ctx: DigestContext): Map<string, DigestItem[]> {
  const out = new Map<string, DigestItem[]>();
  const today = toLocalDate(ctx.now);
  const add = (userid: string | undefined, item: DigestItem): void => {
    if (!userid) return;
    const list = out.get(userid) ?? [];
    // One line per proposal, milestone and reason even when several roles lead to the same person.
    if (!list.some((x) => x.proposalId === item.proposalId && x.milestone === item.milestone && x.reason === item.reason)) list.push(item);
    out.set(userid, list);
  };
  const nameOf = (userid: string | undefined): string | undefined => (userid ? (ctx.people.get(userid)?.name ?? userid) : undefined);

  for (const p of proposals) {
    const division = p.leadDivision ? ctx.divisions.get(p.leadDivision) : undefined;
    const head = p.responsibleUserid ?? division?.headUserid;
    const leader = p.leaderUserid ?? division?.leaderUserid;
    const owner = p.handlerUserid ?? head;
    const base = {
      proposalId: p.id,
      kind: p.kind,
      number: p.number,
      title: p.title,
      isKey: p.isKey,
      divisionName: division?.name,
      responsible: nameOf(owner),
    };

    for (const { milestone, dueAt } of openMilestones(p)) {
      const status = dueStatus(dueAt, ctx.now, ctx.deadlines, ctx.calendar);
      if (status !== 'overdue' && status !== 'dueSoon') continue;
      const overdueWorkdays = status === 'overdue' ? Math.max(0, ctx.calendar.workdaysBetween(toLocalDate(dueAt), today)) : 0;
      const item = { ...base, milestone, dueAt, overdue: status === 'overdue', overdueWorkdays };
      if (milestone === 'assign') {
        // Unassigned proposals are the coordinators' task, and only once the week is up.
        if (status === 'overdue') for (const c of ctx.coordinators) add(c, { ...item, reason: 'overdue' });
        continue;
      }
      add(owner, { ...item, reason: status });
      // The member owes the feedback, not the bureau: no escalation.
      if (milestone === 'feedback') continue;
      const headToo = status === 'overdue' || (p.isKey && ctx.escalation.key.divisionHeadWhenDueSoon);
      if (headToo && head && head !== owner) add(head, { ...item, reason: 'division' });
      const leaderAfter = p.isKey ? ctx.escalation.key.leaderAfterWorkdays : ctx.escalation.leaderAfterWorkdays;
      if (status === 'overdue' && overdueWorkdays >= leaderAfter) add(leader, { ...item, reason: 'leader' });
    }

    // 协办意见 from assisting divisions, due by the lead's opinion milestone, until sign-off.
    const opinionDue = p.milestones.opinion?.dueAt;
    if (p.handlingType === 'lead' && opinionDue && stageIndex('lead', p.stage) >= 1 && stageIndex('lead', p.stage) < SIGNING) {
      const dueAt = new Date(opinionDue);
      const status = dueStatus(dueAt, ctx.now, ctx.deadlines, ctx.calendar);
      const missing = p.coOpinions.filter((o) => !o.sentAt);
      if ((status === 'overdue' || status === 'dueSoon') && missing.length > 0) {
        const overdueWorkdays = status === 'overdue' ? Math.max(0, ctx.calendar.workdaysBetween(toLocalDate(dueAt), today)) : 0;
        const item = { ...base, milestone: 'opinion' as const, dueAt, overdue: status === 'overdue', overdueWorkdays };
        for (const o of missing) add(ctx.divisions.get(o.divisionCode)?.headUserid, { ...item, reason: 'coOpinion' });
        const names = missing.map((o) => ctx.divisions.get(o.divisionCode)?.name ?? o.divisionCode);
        add(owner, { ...item, reason: 'awaitingCoOpinions', missingCoOpinions: names });
      }
    }

    if (p.stage !== 'archived') {
      for (const e of p.pendingExtensions) {
        const item: DigestItem = {
          ...base,
          reason: 'extension',
          milestone: e.milestone,
          overdue: false,
          overdueWorkdays: 0,
          extension: { days: e.days, reason: e.reason, requestedBy: nameOf(e.requestedBy) ?? e.requestedBy },
        };
        for (const approver of new Set([...ctx.coordinators, ...(leader ? [leader] : [])])) add(approver, item);
      }
    }
  }
  for (const list of out.values()) list.sort((a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity));
  return out;
}
