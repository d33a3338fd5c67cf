/**
 * A refusal of the domain (domain/refusals.ts) in the words the person is shown: what was wrong
 * and what to do instead. Every place that shows a DomainError to someone says it through here.
 */
import { isDomainError } from '../domain/errors.js';
import type { Refusal } from '../domain/refusals.js';
import { correctionRefusals } from './correction.texts.js';
import { actionLabel, roleLabels, STAGE_LABELS } from './ledger.texts.js';
import { memberStageWord } from './member-view.js';
import { caseTexts, FIELD_LABELS, texts } from './refusals.texts.js';

export function refusalText(r: Refusal): string {
  switch (r.reason) {
    case 'forbidden':
      return texts.forbidden(r.allowed.map((role) => roleLabels(r.kind)[role]));
    case 'notInScope':
    case 'assistingOnly':
    case 'notAssignedToYou':
    case 'notYourDivision':
    case 'notYourCase':
    case 'notAssignedYet':
    case 'needPreContact':
    case 'useCoOpinion':
    case 'notYourSignature':
    case 'useArchive':
    case 'coOpinionOnlyForCo':
    case 'feedbackOnlyForLead':
    case 'noPendingExtension':
    case 'archiveNeedsFeedback':
    case 'nothingToUndo':
    case 'conflict':
    case 'notMerged':
    case 'mergeNeedCases':
      return caseTexts(r.kind)[r.reason];
    case 'wrongStage':
      return caseTexts(r.kind).wrongStage(actionLabel(r.action), STAGE_LABELS[r.stage]);
    case 'wrongStageForMember':
      return caseTexts(r.kind).wrongStageForMember(actionLabel(r.action), memberStageWord(r));
    case 'cannotAdvance':
      return texts.cannotAdvance(STAGE_LABELS[r.stage]);
    case 'notFound':
    case 'needHandler':
    case 'needDraft':
    case 'needSignOff':
    case 'useSendReply':
    case 'needMeasureProgress':
    case 'afterNeedsReply':
    case 'contactNotFound':
    case 'needMeasures':
    case 'needDocNo':
    case 'coOpinionAlreadyIn':
    case 'measureNotFound':
    case 'measureAlreadyDone':
    case 'badQuantity':
    case 'alreadyRated':
    case 'milestoneNotOpen':
    case 'extensionPending':
    case 'undoUnavailable':
    case 'notPublished':
    case 'mergeSelf':
    case 'duplicateNumber':
      return texts[r.reason];
    case 'notAssisting':
      return caseTexts(r.kind).notAssisting(r.divisionCode);
    case 'mergedFollower':
    case 'mergeLeadIsFollower':
      return caseTexts(r.kind)[r.reason](r.lead);
    case 'mergeFollowerIsLead':
      return caseTexts(r.kind).mergeFollowerIsLead(r.number);
    case 'conflictBy':
      return caseTexts(r.kind).conflictBy(r.who, actionLabel(r.action));
    case 'undoNotYours':
      return caseTexts(r.kind).undoNotYours(r.who, actionLabel(r.action));
    case 'undoTooLate':
      return texts.undoTooLate(r.minutes, actionLabel(r.action));
    case 'undoNeedsReason':
      return texts.undoNeedsReason(actionLabel(r.action));
    case 'missing':
      return texts.missing(FIELD_LABELS[r.field]);
    case 'replyBodyTooLong':
    case 'badExtensionDays':
      return texts[r.reason](r.max);
    case 'unknownDivision':
      return texts.unknownDivision(r.code);
    case 'unknownPerson':
      return texts.unknownPerson(r.who);
    case 'leadAlsoAssisting':
    case 'handlerNotInDivision':
      return texts[r.reason](r.name);
    case 'returnWindowPassed':
      return texts.returnWindowPassed(r.due);
    case 'contactAlreadyConfirmed':
      return texts.contactAlreadyConfirmed(r.confirmed);
    case 'targetNoUnit':
      return texts.targetNoUnit(r.index, r.text);
    case 'measureNoTarget':
      return texts.measureNoTarget(r.text);
    case 'progressUnitMismatch':
      return texts.progressUnitMismatch(r.text, r.target, r.given);
    case 'targetUnitChange':
      return texts.targetUnitChange(r.text, r.from, r.to);
    case 'mergeArchived':
    case 'mergeAnswered':
    case 'mergeTypeDiffers':
      return texts[r.reason](r.number);
    case 'mergeAlreadyElsewhere':
      return texts.mergeAlreadyElsewhere(r.number, r.lead);
    case 'correctionUnchanged':
    case 'correctionNeedsReason':
    case 'correctionNeedsTitle':
    case 'correctionNeedsProposer':
    case 'typeAfterAssign':
    case 'coNeedsLeadUnit':
      return correctionRefusals[r.reason];
  }
}

/** What a person is shown for an error the domain gave on purpose; undefined for any other error. */
export const describeError = (err: unknown): string | undefined => (isDomainError(err) ? refusalText(err.refusal) : undefined);
