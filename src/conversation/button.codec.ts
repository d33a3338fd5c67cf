/**
 * What a card button does, as a typed action, and its key on the wire. A key is short text
 * (`action|proposal id|card version`, at most a few dozen bytes against WeCom's 1,024), read
 * back through a zod schema: anything else is not one of ours. Cards stay in the chat history
 * and can be pressed weeks later, so the key format and every action name ever sent keep their
 * meaning; a new action gets a new name.
 */
import { z } from 'zod';
import type { Command } from '../domain/commands.js';
import type { Step } from './steps.js';

/** Buttons that act at once, with the ledger command each performs. */
export const DIRECT_ACTIONS = {
  accept: { type: 'accept' },
  advance: { type: 'advance' },
  signOff: { type: 'signOff', approve: true },
  archive: { type: 'archive' },
  chase: { type: 'chase' },
  approveExt: { type: 'decideExtension', approve: true },
  satisfied: { type: 'feedback', rating: 'satisfied' },
  basic: { type: 'feedback', rating: 'basic' },
} as const satisfies Record<string, Command>;
export type DirectAction = keyof typeof DIRECT_ACTIONS;

/** Buttons that start a guided step, with the step each waits in. */
export const GUIDED_ACTIONS = {
  assign: { step: 'assign.lead', assisting: [], note: '' },
  reassign: { step: 'reassign.lead', assisting: [], reason: '' },
  return: { step: 'return.reason' },
  designate: { step: 'designate.who' },
  logContact: { step: 'contact.all', contact: { summary: '' } },
  draftReply: { step: 'draft.all', draft: { summary: '', measures: [] } },
  signOffBack: { step: 'signOffBack.note' },
  sendReply: { step: 'send.docNo' },
  sendCoOpinion: { step: 'coOpinion.text' },
  superviseMeasure: { step: 'supervise.note', supervision: { note: '', done: false } },
  requestExtension: { step: 'extension.days', reason: '' },
  rejectExt: { step: 'rejectExtension.note' },
  instruct: { step: 'instruct.text' },
  dissatisfied: { step: 'feedback.reason' },
  dispute: { step: 'dispute.note' },
} as const satisfies Record<string, Step>;
export type GuidedAction = keyof typeof GUIDED_ACTIONS;

const names = <T extends object>(table: T) => Object.keys(table) as [keyof T & string, ...(keyof T & string)[]];
const id = z.string().min(1).max(64);
const version = z.number().int().min(1);

/** A pressed button, as the code handles it (and as a button waiting for 确认 is stored). */
export const buttonActionSchema = z.discriminatedUnion('kind', [
  /** Performs the ledger command at once, on the version the card showed. */
  z.object({ kind: z.literal('direct'), action: z.enum(names(DIRECT_ACTIONS)), proposalId: id, version }),
  /** Asks for what the command needs. */
  z.object({ kind: z.literal('guided'), action: z.enum(names(GUIDED_ACTIONS)), proposalId: id, version }),
  /** The member confirms one face-to-face contact. */
  z.object({ kind: z.literal('confirmContact'), proposalId: id, contactId: id }),
  /** 确认 / 取消 (是 / 不是) on a question card: answers what is pending, about `proposalId` or none. */
  z.object({ kind: z.literal('answer'), yes: z.boolean(), proposalId: id.optional() }),
]);
export type ButtonAction = z.infer<typeof buttonActionSchema>;

const SEP = '|';
/** Stands for the proposal in an answer key when the question is about none (a suggestion). */
const NO_PROPOSAL = '-';
const CONFIRM_CONTACT = 'confirm';
const ANSWERS = { yes: true, no: false } as const;

const cardVersion = z.coerce.number().int().min(1);
/** The three parts of a key, by its first; each becomes the typed action. */
const keySchema = z.union([
  z.tuple([z.enum(names(ANSWERS)), id, cardVersion]).transform(([a, p]) => ({ kind: 'answer' as const, yes: ANSWERS[a], proposalId: p })),
  z
    .tuple([z.enum(names(DIRECT_ACTIONS)), id, cardVersion])
    .transform(([action, proposalId, v]) => ({ kind: 'direct' as const, action, proposalId, version: v })),
  z
    .tuple([z.enum(names(GUIDED_ACTIONS)), id, cardVersion])
    .transform(([action, proposalId, v]) => ({ kind: 'guided' as const, action, proposalId, version: v })),
  z.tuple([z.literal(CONFIRM_CONTACT), id, id]).transform(([, proposalId, contactId]) => ({ kind: 'confirmContact' as const, proposalId, contactId })),
]);

/** The key a button carries. */
export function encodeButton(a: ButtonAction): string {
  switch (a.kind) {
    case 'direct':
    case 'guided':
      return [a.action, a.proposalId, a.version].join(SEP);
    case 'confirmContact':
      return [CONFIRM_CONTACT, a.proposalId, a.contactId].join(SEP);
    case 'answer':
      // The version part of an answer key is not read; 1 keeps the shape of the others.
      return [a.yes ? 'yes' : 'no', a.proposalId ?? NO_PROPOSAL, 1].join(SEP);
  }
}

/** Reads a key from the network; undefined when it is not one of ours. */
export function decodeButton(key: string): ButtonAction | undefined {
  const parsed = keySchema.safeParse(key.split(SEP));
  if (!parsed.success) return undefined;
  const a = parsed.data;
  if (a.kind === 'answer' && a.proposalId === NO_PROPOSAL) return { kind: 'answer', yes: a.yes };
  return a;
}
