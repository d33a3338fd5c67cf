/**
 * Guided steps (分步操作) as data: what a command still needs, with the parts it already has,
 * typed and stored in the dialog store between two messages. The step's id names the code that
 * asks the question, reads the answer and carries on (each command file defines its own, see
 * `StepTable`); nothing is replayed as text. Free text in a step is kept as it was typed.
 */
import { z } from 'zod';
import type { ActionName } from '../domain/permissions.js';
import { CONTACT_METHODS, CONTACT_PHASES, type Proposal } from '../domain/model.js';
import type { CommandResult, Turn } from './context.js';

const divisions = { assisting: z.array(z.string()) };

const contact = z.object({
  phase: z.enum(CONTACT_PHASES).optional(),
  method: z.enum(CONTACT_METHODS).optional(),
  faceToFace: z.boolean().optional(),
  summary: z.string(),
  memberViews: z.string().optional(),
});

const draft = z.object({
  outcome: z.enum(['A', 'B', 'C']).optional(),
  summary: z.string(),
  measures: z.array(z.string()),
  docNo: z.string().optional(),
});

const quantity = { amount: z.number(), unit: z.string().optional() };
const supervision = z.object({
  index: z.number().int().optional(),
  note: z.string(),
  done: z.boolean(),
  target: z.object(quantity).optional(),
  value: z.object({ ...quantity, explicit: z.boolean() }).optional(),
});

/** Every step a command can wait in, with what it has so far. */
export const stepSchema = z.discriminatedUnion('step', [
  /** 交办: the lead division. */
  z.object({ step: z.literal('assign.lead'), ...divisions, note: z.string() }),
  /** 改派: the new lead division (and the reason, which may come with it). */
  z.object({ step: z.literal('reassign.lead'), ...divisions, reason: z.string() }),
  /** 改派: the reason. */
  z.object({ step: z.literal('reassign.reason'), ...divisions, lead: z.string() }),
  /** 退回: the reason. */
  z.object({ step: z.literal('return.reason') }),
  /** 指定: who handles it. */
  z.object({ step: z.literal('designate.who') }),
  /** 沟通 from its button: phase, method and what was said, in one answer. */
  z.object({ step: z.literal('contact.all'), contact }),
  /** 沟通: the method. */
  z.object({ step: z.literal('contact.method'), contact }),
  /** 沟通: what was said. */
  z.object({ step: z.literal('contact.summary'), contact }),
  /** 有异议: what the member disputes. */
  z.object({ step: z.literal('dispute.note') }),
  /** 反馈: the rating (a comment may have come first). */
  z.object({ step: z.literal('feedback.rating'), comment: z.string() }),
  /** 反馈 不满意: why. */
  z.object({ step: z.literal('feedback.reason') }),
  /** 阅批: the instruction. */
  z.object({ step: z.literal('instruct.text') }),
  /** 答复: the whole draft. */
  z.object({ step: z.literal('draft.all'), draft }),
  /** 答复: the class A/B/C. */
  z.object({ step: z.literal('draft.outcome'), draft }),
  /** 答复: the summary. */
  z.object({ step: z.literal('draft.summary'), draft }),
  /** 正文: the letter's body. */
  z.object({ step: z.literal('replyBody.text') }),
  /** 签发 退回: what to revise. */
  z.object({ step: z.literal('signOffBack.note') }),
  /** 发文: the document number. */
  z.object({ step: z.literal('send.docNo') }),
  /** 协办意见: the opinion. */
  z.object({ step: z.literal('coOpinion.text') }),
  /** 督办: which of several open measures. */
  z.object({ step: z.literal('supervise.measure'), supervision }),
  /** 督办: how the measure is going. */
  z.object({ step: z.literal('supervise.note'), supervision }),
  /** 延期: how many days (the reason may have come first). */
  z.object({ step: z.literal('extension.days'), reason: z.string() }),
  /** 延期: the reason. */
  z.object({ step: z.literal('extension.reason'), days: z.number() }),
  /** 驳回延期: the reason. */
  z.object({ step: z.literal('rejectExtension.note') }),
]);
export type Step = z.infer<typeof stepSchema>;
export type StepId = Step['step'];
export type StepOf<K extends StepId> = Extract<Step, { step: K }>;

/** The code behind one step: what is asked, how the answer is read, what happens next. */
export interface StepDef<S extends Step> {
  /** The ledger actions the step leads to: a step that would be refused is refused before it asks. */
  actions: readonly ActionName[];
  /** The question, about `p`. */
  ask(p: Proposal, s: S): string;
  /** Reads the answer (normalised) and carries on: done, or the next step. */
  answer(t: Turn, p: Proposal, s: S, answer: string): Promise<CommandResult>;
}

export type StepTable = { [K in StepId]: StepDef<StepOf<K>> };

/** A command file's share of the table. */
export type StepDefs<K extends StepId> = { [J in K]: StepDef<StepOf<J>> };

/** Looks up the code of a stored step. */
export const stepDef = <S extends Step>(table: StepTable, s: S): StepDef<S> => table[s.step] as unknown as StepDef<S>;

/** Two pieces of free text as one, either of which may be empty. */
export const joinText = (...parts: (string | undefined)[]): string =>
  parts
    .map((x) => x?.trim())
    .filter(Boolean)
    .join(' ');
