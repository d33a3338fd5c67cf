/**
 * 每周趋势 from the ledger itself: the three 100% rates as they stood at the end of each week,
 * read back from the dated record every proposal keeps (replies sent, contacts, ratings, the stage
 * changes of its audit trail). So the trend has history from the first proposal on, whether or not
 * a weekly job ever ran, and the same counting rules as `computeMetrics`:
 * 按时办复率 answered on time / (answered + unanswered past due), 见面沟通率 over cases in handling,
 * 满意率 over rated (or replied) 主办 cases.
 *
 * What the record cannot tell is taken as it is now: a contact's confirmation state, and the due
 * date of a reply (an earlier round's reply, whose deadline is not kept, counts as on time).
 */
import type { MetricsPolicy, Rate } from './metrics.js';
import type { Proposal, Stage } from './model.js';
import { closeOf, weekOf, type WeekPeriod } from './summary-period.js';
import { addDays, toLocalDate } from './shanghai-time.js';

export interface TrendRow {
  /** ISO week, e.g. 2026-W41. */
  period: string;
  onTime: Rate;
  faceToFace: Rate;
  satisfaction: Rate;
}

const rate = (num: number, den: number): Rate => ({ num, den, rate: den === 0 ? null : num / den });
const NOT_HANDLING = new Set<Stage | undefined>(['registered', 'assigned', undefined]);
const at = (d: Date | undefined) => (d ? new Date(d).getTime() : Infinity);

/** The latest answer given by `end` and the deadline it is judged against. */
function answerBy(p: Proposal, end: number): { at: number; dueAt?: number } | undefined {
  if (p.handlingType === 'co') {
    const done = at(p.milestones.opinion?.doneAt);
    return done <= end ? { at: done, dueAt: p.milestones.opinion && at(p.milestones.opinion.dueAt) } : undefined;
  }
  const sent = [...p.priorReplies, ...(p.reply ? [p.reply] : [])].filter((r) => at(r.sentAt) <= end);
  const last = sent.at(-1);
  if (!last) return undefined;
  return { at: at(last.sentAt), ...(last === p.reply && p.milestones.reply && { dueAt: at(p.milestones.reply.dueAt) }) };
}

function figuresAt(proposals: readonly Proposal[], end: number, policy: MetricsPolicy): Omit<TrendRow, 'period'> {
  let answered = 0;
  let onTime = 0;
  let lateUnanswered = 0;
  let inHandling = 0;
  let met = 0;
  let rated = 0;
  let satisfied = 0;
  let repliedUnrated = 0;
  for (const p of proposals) {
    if (at(p.receivedAt) > end) continue;
    const answer = answerBy(p, end);
    if (answer) {
      answered += 1;
      if (answer.dueAt === undefined || answer.at <= answer.dueAt) onTime += 1;
    } else {
      const due = p.handlingType === 'lead' ? p.milestones.reply?.dueAt : p.milestones.opinion?.dueAt;
      if (at(p.assignedAt) <= end && at(due) < end) lateUnanswered += 1;
    }
    if (p.events.some((e) => at(e.at) <= end && !NOT_HANDLING.has(e.toStage))) {
      inHandling += 1;
      const contacts = p.contacts.filter((c) => c.faceToFace && c.confirmation !== 'disputed' && at(c.at) <= end);
      if (contacts.some((c) => !policy.faceToFaceConfirmedOnly || c.confirmation === 'confirmed')) met += 1;
    }
    if (p.handlingType === 'lead' && answer) {
      const rating = p.feedback.filter((f) => at(f.at) <= end).at(-1)?.rating;
      if (rating === undefined) repliedUnrated += 1;
      else {
        rated += 1;
        if (policy.satisfiedRatings.includes(rating)) satisfied += 1;
      }
    }
  }
  return {
    onTime: rate(onTime, answered + lateUnanswered),
    faceToFace: rate(met, inHandling),
    satisfaction: rate(satisfied, policy.satisfactionBase === 'rated' ? rated : rated + repliedUnrated),
  };
}

/** Every week from the one the first proposal was received in to the week holding `now` (the last `maxWeeks`). */
export function weeklyTrend(proposals: readonly Proposal[], now: Date, policy: MetricsPolicy, maxWeeks = 52): TrendRow[] {
  if (proposals.length === 0) return [];
  const first = toLocalDate(new Date(Math.min(...proposals.map((p) => at(p.receivedAt)))));
  const weeks: WeekPeriod[] = [];
  for (let w = weekOf(first); w.start <= toLocalDate(now); w = weekOf(addDays(w.start, 7))) weeks.push(w);
  return weeks.slice(-maxWeeks).map((w) => ({ period: w.key, ...figuresAt(proposals, Math.min(closeOf(w).getTime(), now.getTime()), policy) }));
}
