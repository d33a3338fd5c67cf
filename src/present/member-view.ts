/**
 * A proposal as its member reads it, in every channel: where it stands, the reply and their own
 * history, in plain words (what they may see of it: domain/visibility.ts).
 */
import { METHOD_LABELS, PHASE_LABELS, SATISFACTION_LABELS, STAGE_LABELS } from './ledger.texts.js';
import type { Actor, Proposal, Stage } from '../domain/model.js';
import type { ProposalScope } from '../domain/permissions.js';
import { memberProgress, memberTrail, readsAsMember, type MemberTrailEntry } from '../domain/visibility.js';
import { MEMBER_PROGRESS_WORDS, MEMBER_TRAIL_WORDS, MEMBER_VIEW_WORDS } from './member-view.texts.js';

/** Where the proposal stands (or stood, at `stage`) in the member's words, a 协办 case in its own. */
export const memberStageWord = (p: Pick<Proposal, 'stage' | 'handlingType'>, stage: Stage = p.stage): string => MEMBER_PROGRESS_WORDS[memberProgress(p, stage)];

/** Where the proposal stands, in the words this person reads (internal stage or member wording). */
export function stageWordFor(actor: Actor, p: ProposalScope & Pick<Proposal, 'stage' | 'handlingType'>): string {
  return readsAsMember(actor, p) ? memberStageWord(p) : STAGE_LABELS[p.stage];
}

/** The reply as the member reads it: issued with its 文号, not yet, or (协办) the lead unit's to give. */
export function memberReplyLine(p: Pick<Proposal, 'handlingType' | 'externalLeadUnit' | 'reply'>, issued: boolean): string {
  if (issued) return MEMBER_VIEW_WORDS.replyLine(p.reply?.docNo);
  return p.handlingType === 'co' ? MEMBER_VIEW_WORDS.replyByLeadUnit(p.externalLeadUnit) : MEMBER_VIEW_WORDS.replyLine(undefined);
}

function trailText(p: Proposal, e: MemberTrailEntry): string {
  switch (e.what) {
    case 'stage':
      return memberStageWord(p, e.stage);
    case 'contact':
      return MEMBER_TRAIL_WORDS.contact(PHASE_LABELS[e.phase], METHOD_LABELS[e.method]);
    case 'confirmation':
      return MEMBER_TRAIL_WORDS[e.confirmation];
    case 'replySent':
      return MEMBER_TRAIL_WORDS.replySent(e.docNo);
    case 'rated':
      return MEMBER_TRAIL_WORDS.rated(SATISFACTION_LABELS[e.rating]);
  }
}

/** The member's own history (domain/visibility.ts's `memberTrail`), one line each. */
export const memberTrailLines = (p: Proposal): { at: Date; text: string }[] => memberTrail(p).map((e) => ({ at: e.at, text: trailText(p, e) }));
