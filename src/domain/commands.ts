/**
 * What a person can ask the ledger to do, after the conversation or web layer has parsed it.
 * Divisions and people are referred to by code/userid; the service resolves them.
 */
import type { Correction } from './correction.js';
import type { CaseRef, ContactMethod, ContactPhase, MilestoneKey, OutcomeClass, Proposal, Satisfaction } from './model.js';

export type Command =
  | { type: 'assign'; leadDivision: string; assisting?: string[]; note?: string }
  | { type: 'reassign'; leadDivision: string; assisting?: string[]; reason: string }
  | { type: 'accept' }
  | { type: 'return'; reason: string }
  | { type: 'designate'; handlerUserid: string }
  | { type: 'advance'; note?: string }
  | {
      type: 'logContact';
      phase: ContactPhase;
      method: ContactMethod;
      /** Overrides the face-to-face flag the method implies. */
      faceToFace?: boolean;
      summary: string;
      memberViews?: string;
      members?: string[];
      staff?: string[];
      at?: Date;
    }
  | { type: 'confirmContact'; contactId: string; agree: boolean; note?: string }
  | { type: 'attachEvidence'; contactId: string; fileId: string }
  | { type: 'draftReply'; summary: string; outcome: OutcomeClass; measures: string[]; docNo?: string }
  /** 答复正文: the reply's full body, paragraphs as typed; replaces the one set before. */
  | { type: 'replyBody'; text: string }
  | { type: 'signOff'; approve: boolean; note?: string }
  | { type: 'sendReply'; docNo?: string }
  | { type: 'sendCoOpinion'; text: string }
  | { type: 'recordCoOpinion'; divisionCode: string; text: string }
  | {
      type: 'superviseMeasure';
      measureId: string;
      note: string;
      done: boolean;
      /** The quantity reached so far; a bare number (no unit) is in the target's unit. */
      value?: { amount: number; unit?: string };
      /** Sets or corrects the measure's target. */
      target?: { amount: number; unit: string };
    }
  | { type: 'feedback'; rating: Satisfaction; comment?: string }
  | { type: 'requestExtension'; milestone?: MilestoneKey; days: number; reason: string }
  | { type: 'decideExtension'; extensionId?: string; approve: boolean; note?: string }
  | { type: 'instruct'; text: string }
  | { type: 'chase'; note?: string }
  | { type: 'archive'; note?: string }
  /** 更正台账: registered facts fixed, each change kept on the trail as before → after (correction.ts). */
  | { type: 'correct'; fields: Correction; reason: string }
  /** 公开 / 取消公开 on the public results page; `proposerNamed` shows the first proposer's name. */
  | { type: 'publish'; on: boolean; proposerNamed?: boolean }
  // 并案: issued by the ledger service's merge/unmerge, one per case involved (see merge.ts).
  | { type: 'mergeInto'; lead: CaseRef }
  | { type: 'mergeLead'; followers: CaseRef[] }
  | { type: 'unmergeFrom'; reason: string }
  | { type: 'unmergeLead'; follower: CaseRef; reason: string }
  /** A lead case's handling copied onto a case merged into it (系统同步). */
  | { type: 'followLead'; lead: Proposal }
  /** 撤销: takes the proposal back to before its latest step (see workflow.ts for who may). */
  | { type: 'undo'; reason?: string };

export type CommandType = Command['type'];
