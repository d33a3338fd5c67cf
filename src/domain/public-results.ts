/**
 * 办理结果公开: what the public results page may show of a case, and nothing else. A case appears
 * once the coordinator opted it in (公开) and its reply was sent; the page gets only the fields
 * copied here: no contacts, ratings, comments, instructions, staff or co-signers, and the first
 * proposer's name only when the coordinator chose to show it.
 */
import { measureProgress, type MeasureProgress } from './measures.js';
import type { OutcomeClass, Proposal, Reply } from './model.js';

export interface PublicCase {
  session: string;
  number: string;
  title: string;
  /** Only when the coordinator chose to name the proposer. */
  proposer?: string;
  /** Code of the lead division (an office, not a person). */
  leadDivision?: string;
  outcome: OutcomeClass;
  summary: string;
  repliedAt: Date;
  /** `progress`: where a measure with a target stands. */
  measures: { text: string; done: boolean; progress?: MeasureProgress }[];
}

/** The answer the page shows: this round's if sent, else the last one sent (a case in 二次办理). */
const sentReply = (p: Proposal): Reply | undefined => (p.reply?.sentAt ? p.reply : [...p.priorReplies].reverse().find((r) => r.sentAt));

export function publicCase(p: Proposal): PublicCase | undefined {
  const reply = sentReply(p);
  if (!p.published || !reply?.sentAt) return undefined;
  return {
    session: p.session,
    number: p.number,
    title: p.title,
    ...(p.published.proposerNamed && p.proposers[0] && { proposer: p.proposers[0].name }),
    ...(p.leadDivision && { leadDivision: p.leadDivision }),
    outcome: reply.outcome,
    summary: reply.summary,
    repliedAt: reply.sentAt,
    measures: p.measures.map((m) => ({ text: m.text, done: m.status === 'done', ...(m.target && { progress: measureProgress(m) }) })),
  };
}

/** Newest answers first, then by number. */
export function publicResults(cases: readonly Proposal[]): PublicCase[] {
  return cases
    .flatMap((p) => publicCase(p) ?? [])
    .sort((a, b) => b.repliedAt.getTime() - a.repliedAt.getTime() || a.session.localeCompare(b.session) || a.number.localeCompare(b.number));
}
