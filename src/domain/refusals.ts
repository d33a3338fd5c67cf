/**
 * Why the domain refuses a step, as facts: which rule, and exactly what its wording needs (ids,
 * stages, roles, actions, dates, names as given). A DomainError carries one; present/refusals.ts
 * says it to a person, so the domain writes no wording of its own.
 */
import type { CommandType } from './commands.js';
import { DEFAULT_KIND, type CaseKind } from './kind.js';
import type { HandlingType, Role, Stage } from './model.js';

/** Refusals that name the case in the words of its kind (提案/委员 or 建议/代表). */
type OfCase<R extends string, F = unknown> = { reason: R; kind: CaseKind } & F;

/** The inputs a step requires, named in a "请填写…" refusal. */
export type RequiredField = 'reason' | 'contactSummary' | 'replySummary' | 'replyBody' | 'coOpinion' | 'measureNote' | 'instruction' | 'unmergeReason';

export type Refusal =
  // Who may act, and on which cases (permissions.ts)
  | { reason: 'forbidden'; allowed: readonly Role[]; kind: CaseKind }
  | OfCase<'notInScope' | 'assistingOnly' | 'notAssignedToYou' | 'notYourDivision' | 'notYourCase'>
  // Where the case stands (workflow.ts); `action` is the command refused
  | OfCase<'wrongStage', { action: CommandType; stage: Stage }>
  | OfCase<'wrongStageForMember', { action: CommandType; stage: Stage; handlingType: HandlingType }>
  | { reason: 'cannotAdvance'; stage: Stage }
  // What must be done first, or is done already
  | OfCase<
      | 'notAssignedYet'
      | 'needPreContact'
      | 'useCoOpinion'
      | 'notYourSignature'
      | 'useArchive'
      | 'coOpinionOnlyForCo'
      | 'feedbackOnlyForLead'
      | 'noPendingExtension'
      | 'archiveNeedsFeedback'
      | 'nothingToUndo'
      | 'conflict'
      | 'notMerged'
      | 'mergeNeedCases'
    >
  | {
      reason:
        | 'notFound'
        | 'needHandler'
        | 'needDraft'
        | 'needSignOff'
        | 'useSendReply'
        | 'needMeasureProgress'
        | 'afterNeedsReply'
        | 'contactNotFound'
        | 'needMeasures'
        | 'needDocNo'
        | 'coOpinionAlreadyIn'
        | 'measureNotFound'
        | 'measureAlreadyDone'
        | 'badQuantity'
        | 'alreadyRated'
        | 'milestoneNotOpen'
        | 'extensionPending'
        | 'undoUnavailable'
        | 'notPublished'
        | 'mergeSelf'
        | 'duplicateNumber';
    }
  | OfCase<'notAssisting', { divisionCode: string }>
  | OfCase<'mergedFollower' | 'mergeLeadIsFollower', { lead: string }>
  | OfCase<'mergeFollowerIsLead', { number: string }>
  /** Someone else's step came first: `who` by name, `action` as the audit trail records it. */
  | OfCase<'conflictBy', { who: string; action: string }>
  // 撤销: `action` is the undone step's, as the audit trail records it
  | OfCase<'undoNotYours', { who: string; action: string }>
  | { reason: 'undoTooLate'; minutes: number; action: string }
  | { reason: 'undoNeedsReason'; action: string }
  // Input that does not do
  | { reason: 'missing'; field: RequiredField }
  | { reason: 'replyBodyTooLong' | 'badExtensionDays'; max: number }
  | { reason: 'unknownDivision'; code: string }
  | { reason: 'unknownPerson'; who: string }
  | { reason: 'leadAlsoAssisting' | 'handlerNotInDivision'; name: string }
  | { reason: 'returnWindowPassed'; due: Date }
  | { reason: 'contactAlreadyConfirmed'; confirmed: boolean }
  | { reason: 'targetNoUnit'; index: number; text: string }
  | { reason: 'measureNoTarget'; text: string }
  | { reason: 'progressUnitMismatch'; text: string; target: string; given: string }
  | { reason: 'targetUnitChange'; text: string; from: string; to: string }
  // 并案 (merge.ts): `number`s as the ledger writes them
  | { reason: 'mergeArchived' | 'mergeAnswered' | 'mergeTypeDiffers'; number: string }
  | { reason: 'mergeAlreadyElsewhere'; number: string; lead: string }
  // 更正台账 (correction.ts)
  | { reason: 'correctionUnchanged' | 'correctionNeedsReason' | 'correctionNeedsTitle' | 'correctionNeedsProposer' | 'typeAfterAssign' | 'coNeedsLeadUnit' };

export type RefusalReason = Refusal['reason'];

/** The kind a refusal about `p` names it by (older fixtures and references may lack one: a 提案). */
export const kindOf = (p: { kind?: CaseKind }): CaseKind => p.kind ?? DEFAULT_KIND;
