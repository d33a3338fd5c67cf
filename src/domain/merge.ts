/**
 * 并案办理: similar proposals handled as one. One lead case (主案) carries the handling
 * (assignment, draft, sign-off, reply, measures); the cases merged into it follow it, and each keeps
 * its own member, contacts, feedback and place in every count.
 *
 * No multi-document transactions: a merge writes each merged case first (its `mergedInto` is the
 * truth) and the lead's list last. A crash in between leaves merged cases that the lead does not
 * list yet: each is already consistent on its own (it refuses handling of its own and says which
 * case leads), and running the same merge again lists them. Sync after a lead change is a pure
 * function of the lead's state, so running it again after a crash finishes it.
 */
import type { CommandType } from './commands.js';
import { DomainError } from './errors.js';
import { kindOf, type Refusal } from './refusals.js';
import type { CaseRef, Proposal, Stage } from './model.js';

export const refOf = (p: Pick<Proposal, 'id' | 'kind' | 'session' | 'number'>): CaseRef => ({ id: p.id, kind: p.kind, session: p.session, number: p.number });

/** What a merged case still does itself: its own member's contacts and rating, and closing. */
const FOLLOWER_OWN: ReadonlySet<CommandType> = new Set<CommandType>([
  'logContact',
  'confirmContact',
  'attachEvidence',
  'feedback',
  'chase',
  'instruct',
  'archive',
  'correct',
  'publish',
  'unmergeFrom',
  'followLead',
]);

/** Whether a merged case may take `type` itself; moving on (推进) only once it has its answer. */
export const followerMay = (p: Proposal, type: CommandType): boolean => FOLLOWER_OWN.has(type) || (type === 'advance' && p.facts.replied);

/** Refuses a merge that would leave a case in two groups, or merge what is answered or closed. */
export function checkMerge(lead: Proposal, followers: Proposal[]): void {
  const kind = kindOf(lead);
  const fail = (r: Refusal): never => {
    throw new DomainError('precondition', r);
  };
  if (followers.length === 0) fail({ reason: 'mergeNeedCases', kind });
  if (lead.mergedInto) fail({ reason: 'mergeLeadIsFollower', kind, lead: lead.number });
  if (lead.stage === 'archived') fail({ reason: 'mergeArchived', number: lead.number });
  for (const f of followers) {
    if (f.id === lead.id) fail({ reason: 'mergeSelf' });
    if (f.mergedInto && f.mergedInto.id !== lead.id) fail({ reason: 'mergeAlreadyElsewhere', number: f.number, lead: f.mergedInto.number });
    if (f.mergedInto) continue; // already merged here: a re-run finishes an interrupted merge
    if (f.merged?.length) fail({ reason: 'mergeFollowerIsLead', kind, number: f.number });
    if (f.stage === 'archived') fail({ reason: 'mergeArchived', number: f.number });
    if (f.facts.replied) fail({ reason: 'mergeAnswered', number: f.number });
    if (f.handlingType !== lead.handlingType) fail({ reason: 'mergeTypeDiffers', number: f.number });
  }
}

const SHARED = ['leadDivision', 'assistingDivisions', 'responsibleUserid', 'handlerUserid', 'leaderUserid', 'assignedAt'] as const;

/** Where a merged case stands while the lead's answer is its answer. */
function followerStage(lead: Proposal): Stage {
  if (lead.handlingType === 'lead') return lead.reply?.sentAt && lead.stage !== 'replying' ? 'supervising' : lead.stage;
  return lead.stage === 'feedback' || lead.stage === 'archived' ? 'opinionSent' : lead.stage;
}

/**
 * Copies the lead's handling onto a merged case `d` (a draft). Until the case has its answer the
 * stage, reply and co-handling opinion follow the lead; after that only the measures do, while both
 * are in the same round (a second handling of either is its own).
 */
export function followLead(d: Proposal, lead: Proposal): void {
  for (const k of SHARED) (d as unknown as Record<string, unknown>)[k] = structuredClone(lead[k]);
  if (!d.facts.replied) {
    d.stage = followerStage(lead);
    d.reply = lead.reply && structuredClone(lead.reply);
    d.coOpinions = structuredClone(lead.coOpinions);
    for (const m of ['assign', 'opinion', 'reply'] as const) {
      const done = lead.milestones[m]?.doneAt;
      if (done) d.milestones[m] = { dueAt: d.milestones[m]?.dueAt ?? done, doneAt: done };
    }
  }
  if (d.round === lead.round) d.measures = structuredClone(lead.measures);
}
