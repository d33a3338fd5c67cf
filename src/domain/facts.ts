/**
 * The precomputed figures behind the three 100% targets (三个百分之百) and 办成率,
 * refreshed on every change so that metrics are a plain `$group` in the database.
 */
import type { Proposal, ProposalFacts } from './model.js';

export const EMPTY_FACTS: ProposalFacts = {
  replied: false,
  repliedOnTime: false,
  faceToFace: false,
  faceToFaceConfirmed: false,
  satisfaction: 'none',
  outcome: 'none',
  measuresTotal: 0,
  measuresDone: 0,
};

/**
 * 办复 is judged once, on the first round: the reply (主办) or the co-handling opinion (协办)
 * against its due date. Later rounds do not rewrite whether the bureau answered on time.
 */
function firstAnswer(p: Proposal): { at: Date; dueAt?: Date } | undefined {
  if (p.handlingType === 'co') {
    const done = p.milestones.opinion?.doneAt;
    return done ? { at: done, dueAt: p.milestones.opinion?.dueAt } : undefined;
  }
  const first = p.priorReplies[0] ?? p.reply;
  return first?.sentAt ? { at: first.sentAt, dueAt: p.round === 1 ? p.milestones.reply?.dueAt : undefined } : undefined;
}

export function deriveFacts(p: Proposal): ProposalFacts {
  const answer = firstAnswer(p);
  // A contact the member disputes does not count as met face to face (见面) until shown otherwise.
  const faceToFace = p.contacts.filter((c) => c.faceToFace && c.confirmation !== 'disputed');
  const lastRating = p.feedback[p.feedback.length - 1];
  return {
    replied: answer !== undefined,
    repliedOnTime:
      answer !== undefined && (answer.dueAt === undefined ? p.facts.repliedOnTime : answer.at <= answer.dueAt),
    faceToFace: faceToFace.length > 0,
    faceToFaceConfirmed: faceToFace.some((c) => c.confirmation === 'confirmed'),
    satisfaction: lastRating?.rating ?? 'none',
    outcome: p.reply?.sentAt ? p.reply.outcome : 'none',
    measuresTotal: p.measures.length,
    measuresDone: p.measures.filter((m) => m.status === 'done').length,
  };
}
