/**
 * The precomputed figures behind the three 100% targets (三个百分之百) and 办成率,
 * refreshed on every change so that metrics are a plain `$group` in the database.
 */
import type { Proposal, ProposalFacts } from './model.js';

export const EMPTY_FACTS: ProposalFacts = {
  replied: false,
  repliedOnTime: false,
  reanswerPending: false,
  faceToFace: false,
  faceToFaceConfirmed: false,
  satisfaction: 'none',
  outcome: 'none',
  measuresTotal: 0,
  measuresDone: 0,
};

/**
 * The latest answer and the due date it is judged against: the co-handling opinion (协办), else
 * this round's reply against this round's reply deadline (a 二次办理 has its own, from reopening).
 */
function latestAnswer(p: Proposal): { at: Date; dueAt?: Date } | undefined {
  if (p.handlingType === 'co') {
    const done = p.milestones.opinion?.doneAt;
    return done ? { at: done, dueAt: p.milestones.opinion?.dueAt } : undefined;
  }
  return p.reply?.sentAt ? { at: p.reply.sentAt, dueAt: p.milestones.reply?.dueAt } : undefined;
}

/** Measures count once the reply they belong to is signed off: this round's, or the sent one they came with. */
function committedMeasures(p: Proposal): Proposal['measures'] {
  const owner = p.reply ?? p.priorReplies.at(-1);
  return owner?.signedOffAt ? p.measures : [];
}

export function deriveFacts(p: Proposal): ProposalFacts {
  const answer = latestAnswer(p);
  const everAnswered = answer !== undefined || p.priorReplies.some((r) => r.sentAt);
  // A contact the member disputes does not count as met face to face (见面) until shown otherwise.
  const faceToFace = p.contacts.filter((c) => c.faceToFace && c.confirmation !== 'disputed');
  const lastRating = p.feedback[p.feedback.length - 1];
  const measures = committedMeasures(p);
  return {
    replied: everAnswered,
    repliedOnTime: answer !== undefined && (answer.dueAt === undefined || answer.at <= answer.dueAt),
    reanswerPending: everAnswered && answer === undefined,
    faceToFace: faceToFace.length > 0,
    faceToFaceConfirmed: faceToFace.some((c) => c.confirmation === 'confirmed'),
    satisfaction: lastRating?.rating ?? 'none',
    outcome: p.reply?.sentAt ? p.reply.outcome : 'none',
    measuresTotal: measures.length,
    measuresDone: measures.filter((m) => m.status === 'done').length,
  };
}
