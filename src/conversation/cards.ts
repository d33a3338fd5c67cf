/**
 * Button cards for proposals. A button key carries the action, the proposal id and the version
 * the card showed, so a click can act at once and a stale or repeated click is refused by the
 * ledger's version check. Only actions that need no further input act directly; the other
 * buttons start a guided step asking for what is missing.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ButtonCard, CardButton } from '../channels/contract.js';
import type { Command } from '../domain/commands.js';
import { STAGE_LABELS } from '../domain/ledger.texts.js';
import { measureWithProgress } from '../domain/measures.js';
import { auditKind } from '../domain/audit.js';
import type { Actor, AuditEvent, Proposal } from '../domain/model.js';
import { nextStageOf } from '../domain/stages.js';
import { memberReplyLine, readsAsMember, sees } from '../domain/visibility.js';
import { availableCommands, decide } from '../domain/workflow.js';
import { texts, type CommandWord } from './conversation.texts.js';
import type { CardEnv } from './context.js';
import { memberTexts } from './member.texts.js';
import type { Step } from './steps.js';
import { dueText, namesFor, stageWord } from './present.js';

/** Buttons that act at once: the ledger command (for the dry run) and the chat command that runs it. */
export const DIRECT_ACTIONS = {
  accept: { cmd: { type: 'accept' }, verb: '接收', args: '' },
  advance: { cmd: { type: 'advance' }, verb: '推进', args: '' },
  signOff: { cmd: { type: 'signOff', approve: true }, verb: '签发', args: '' },
  archive: { cmd: { type: 'archive' }, verb: '归档', args: '' },
  chase: { cmd: { type: 'chase' }, verb: '催办', args: '' },
  approveExt: { cmd: { type: 'decideExtension', approve: true }, verb: '批准延期', args: '' },
  satisfied: { cmd: { type: 'feedback', rating: 'satisfied' }, verb: '反馈', args: '满意' },
  basic: { cmd: { type: 'feedback', rating: 'basic' }, verb: '反馈', args: '基本满意' },
} as const satisfies Record<string, { cmd: Command; verb: CommandWord; args: string }>;

/** Buttons that start a guided step: the command word they stand for, and the step they wait in. */
export const GUIDED_ACTIONS: Record<string, { verb: CommandWord; step: Step }> = {
  assign: { verb: '交办', step: { step: 'assign.lead', assisting: [], note: '' } },
  reassign: { verb: '改派', step: { step: 'reassign.lead', assisting: [], reason: '' } },
  return: { verb: '退回', step: { step: 'return.reason' } },
  designate: { verb: '指定', step: { step: 'designate.who' } },
  logContact: { verb: '沟通', step: { step: 'contact.all', contact: { summary: '' } } },
  draftReply: { verb: '答复', step: { step: 'draft.all', draft: { summary: '', measures: [] } } },
  signOffBack: { verb: '签发', step: { step: 'signOffBack.note' } },
  sendReply: { verb: '发文', step: { step: 'send.docNo' } },
  sendCoOpinion: { verb: '协办意见', step: { step: 'coOpinion.text' } },
  superviseMeasure: { verb: '督办', step: { step: 'supervise.note', supervision: { note: '', done: false } } },
  requestExtension: { verb: '延期', step: { step: 'extension.days', reason: '' } },
  rejectExt: { verb: '驳回延期', step: { step: 'rejectExtension.note' } },
  instruct: { verb: '阅批', step: { step: 'instruct.text' } },
  dissatisfied: { verb: '反馈', step: { step: 'feedback.reason' } },
  dispute: { verb: '有异议', step: { step: 'dispute.note' } },
};

export type DirectAction = keyof typeof DIRECT_ACTIONS;

/** Answers to a question shown as a card (确认 / 取消, 是 / 不是): they act on what is pending. */
const ANSWERS = ['yes', 'no'] as const;
/** Stands for the proposal in an answer key when the question is about none (a suggestion). */
const NO_PROPOSAL = '-';

/** The contact confirmation buttons act on one contact, not on a card version. */
const keySchema = z.union([
  z.tuple([z.enum(ANSWERS), z.string().min(1).max(64), z.coerce.number().int().min(1)]),
  z.tuple([z.enum(Object.keys(DIRECT_ACTIONS) as [DirectAction]), z.string().min(1).max(64), z.coerce.number().int().min(1)]),
  z.tuple([z.enum(Object.keys(GUIDED_ACTIONS) as [string]), z.string().min(1).max(64), z.coerce.number().int().min(1)]),
  z.tuple([z.enum(['confirm']), z.string().min(1).max(64), z.string().min(1).max(64)]),
]);

export type ButtonKey =
  | { kind: 'direct'; action: DirectAction; proposalId: string; version: number }
  | { kind: 'guided'; action: string; proposalId: string; version: number }
  | { kind: 'confirm'; proposalId: string; contactId: string }
  | { kind: 'answer'; yes: boolean; proposalId?: string };

const SEP = '|';
const keyOf = (action: string, p: Proposal, extra: string | number = p.version): string => [action, p.id, extra].join(SEP);

/** Reads a button key from the network; undefined when it is not one of ours. */
export function parseButtonKey(key: string): ButtonKey | undefined {
  const parsed = keySchema.safeParse(key.split(SEP));
  if (!parsed.success) return undefined;
  const [action, proposalId, third] = parsed.data;
  if (action === 'confirm') return { kind: 'confirm', proposalId, contactId: String(third) };
  if (action === 'yes' || action === 'no') return { kind: 'answer', yes: action === 'yes', ...(proposalId === NO_PROPOSAL ? {} : { proposalId }) };
  if (action in DIRECT_ACTIONS) return { kind: 'direct', action: action as DirectAction, proposalId, version: Number(third) };
  return { kind: 'guided', action, proposalId, version: Number(third) };
}

/** Whether the ledger would accept `cmd` now: a dry run of the workflow, nothing is stored. */
function wouldAccept(t: CardEnv, p: Proposal, viewer: Actor, cmd: Command): boolean {
  const { ledger, clock } = t.deps.core;
  try {
    decide(p, cmd, viewer, {
      now: clock.now(),
      channel: 'system',
      calendar: ledger.calendar,
      policy: ledger.policy,
      newId: () => 'dry-run',
      divisions: new Map(),
      people: new Map(),
    });
    return true;
  } catch {
    return false;
  }
}

/** WeCom shows at most 6 buttons. */
const MAX_BUTTONS = 6;

function staffButtons(t: CardEnv, p: Proposal, viewer: Actor): CardButton[] {
  const can = new Set(availableCommands(p, viewer));
  const b = texts.buttons;
  const out: CardButton[] = [];
  const add = (ok: boolean, text: string, action: string, style?: CardButton['style']) => {
    if (ok) out.push({ text, key: keyOf(action, p), ...(style ? { style } : {}) });
  };
  const direct = (a: DirectAction) => can.has(DIRECT_ACTIONS[a].cmd.type) && wouldAccept(t, p, viewer, DIRECT_ACTIONS[a].cmd);
  const pendingExt = p.extensions.some((e) => e.status === 'pending');
  const next = nextStageOf(p.handlingType, p.stage);
  add(can.has('assign'), b.assign, 'assign', 1);
  add(direct('accept'), b.accept, 'accept', 1);
  add(can.has('return'), b.return, 'return', 2);
  add(can.has('designate') && !p.handlerUserid && p.stage !== 'registered', b.designate, 'designate', 1);
  add(direct('signOff'), b.signOff, 'signOff', 1);
  add(can.has('signOff'), b.signOffBack, 'signOffBack', 2);
  add(direct('approveExt') && pendingExt, b.approveExtension, 'approveExt', 1);
  add(can.has('decideExtension') && pendingExt, b.rejectExtension, 'rejectExt', 2);
  add(can.has('logContact'), b.logContact, 'logContact');
  add(can.has('draftReply'), b.draftReply, 'draftReply');
  add(can.has('sendReply'), b.sendReply, 'sendReply', 1);
  add(can.has('sendCoOpinion') && p.handlingType === 'co', b.sendCoOpinion, 'sendCoOpinion');
  add(can.has('superviseMeasure') && p.measures.some((m) => m.status === 'open'), b.superviseMeasure, 'superviseMeasure');
  add(direct('advance') && next !== undefined, b.advance(STAGE_LABELS[next ?? p.stage]), 'advance', 1);
  add(direct('archive'), b.archive, 'archive', 1);
  add(can.has('instruct'), b.instruct, 'instruct');
  add(direct('chase'), b.chase, 'chase');
  add(can.has('requestExtension') && !pendingExt, b.requestExtension, 'requestExtension');
  return out.slice(0, MAX_BUTTONS);
}

function memberButtons(t: CardEnv, p: Proposal, viewer: Actor): CardButton[] {
  const b = memberTexts.buttons;
  const out: CardButton[] = [];
  if (wouldAccept(t, p, viewer, DIRECT_ACTIONS.satisfied.cmd)) {
    out.push({ text: b.satisfied, key: keyOf('satisfied', p), style: 1 });
    out.push({ text: b.basic, key: keyOf('basic', p), style: 1 });
    out.push({ text: b.dissatisfied, key: keyOf('dissatisfied', p), style: 2 });
  }
  const open = unconfirmedContact(p);
  if (open && availableCommands(p, viewer).includes('confirmContact')) out.push(...confirmButtons(p, open.id));
  return out;
}

export function confirmButtons(p: Proposal, contactId: string): CardButton[] {
  return [
    { text: memberTexts.buttons.confirm, key: keyOf('confirm', p, contactId), style: 1 },
    { text: memberTexts.buttons.dispute, key: keyOf('dispute', p), style: 2 },
  ];
}

/** The oldest face-to-face contact the member has not confirmed or disputed yet. */
export const unconfirmedContact = (p: Proposal) => p.contacts.find((c) => c.faceToFace && c.confirmation === 'unconfirmed');

export const newTaskId = (p?: Proposal): string => `tt-${p ? `${p.number}-${p.version}` : 'ask'}-${randomBytes(4).toString('hex')}`;

/** A yes/no question as a card: what was understood (about `p`, or a suggestion about none). */
export function answerCard(p: Proposal | undefined, title: string, description: string): ButtonCard {
  const b = texts.answerButtons;
  const key = (answer: (typeof ANSWERS)[number]) => [answer, p?.id ?? NO_PROPOSAL, p?.version ?? 1].join(SEP);
  const [yes, no] = p ? [b.confirm, b.cancel] : [b.yes, b.no];
  return {
    taskId: newTaskId(p),
    title,
    description,
    buttons: [
      { text: yes, key: key('yes'), style: 1 },
      { text: no, key: key('no'), style: 2 },
    ],
  };
}

const TITLE_MAX = 24;
const FIELD_MAX = 120;

/** The leader's send-back of the current draft, while the division is revising it. */
function sentBack(p: Proposal): AuditEvent | undefined {
  if (p.stage !== 'reviewing') return undefined;
  const last = p.events.findLast((e) => e.action === 'signOff' || e.action === 'draftReply');
  return last && auditKind(last) === 'signOffBack' ? last : undefined;
}
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The proposal as `viewer` should see it, with the buttons `viewer` may press next. */
export async function proposalCard(t: CardEnv, p: Proposal, viewer: Actor, description?: string): Promise<ButtonCard> {
  const names = await namesFor(t, p);
  const proposers = p.proposers.map((x) => x.name).join('、');
  const title = clip(`第${p.number}号 ${p.title}`, TITLE_MAX);
  const f2f = p.contacts.filter((c) => c.faceToFace);
  // What of the proposal this person reads is the domain's visibility table, as on the web.
  if (readsAsMember(viewer, p)) {
    const m = memberTexts.card;
    return {
      taskId: newTaskId(p),
      title,
      description: description ?? m.describe(p.session, proposers),
      fields: [
        { key: m.progress, value: stageWord(p, viewer) },
        { key: m.unit, value: names.division ?? m.unitPending },
        { key: m.contacts, value: m.contactsLine(f2f.length) },
        { key: m.reply, value: memberReplyLine(p, sees(viewer, p, 'reply')) },
      ],
      buttons: memberButtons(t, p, viewer),
    };
  }
  const c = texts.card;
  const photos = p.contacts.reduce((n, x) => n + x.evidence.length, 0);
  const fields = [
    { key: c.stage, value: stageWord(p, viewer) },
    { key: c.lead, value: names.division ?? p.externalLeadUnit ?? c.notAssigned },
    { key: c.handler, value: names.handler ?? c.noHandler },
    { key: c.nextDue, value: dueText(t, p) || c.none },
    {
      key: c.contacts,
      value: c.contactsLine(
        p.contacts.length,
        f2f.length,
        f2f.filter((x) => x.confirmation === 'confirmed').length,
        f2f.filter((x) => x.confirmation === 'disputed').length,
        photos,
      ),
    },
  ];
  if (p.reply) {
    const done = p.measures.filter((m) => m.status === 'done').length;
    fields.push({ key: c.reply, value: c.replyLine(p.reply.outcome + '类', p.reply.sentAt ? p.reply.docNo : undefined, done, p.measures.length) });
    // What a leader signs and a handler follows up: the reply's words and every measure.
    fields.push({ key: c.replySummary, value: clip(p.reply.summary, FIELD_MAX) });
    if (p.measures.length) {
      fields.push({
        key: c.measures,
        value: clip(p.measures.map((m, i) => c.measureLine(i + 1, measureWithProgress(m), m.status === 'done')).join('\n'), FIELD_MAX * 2),
      });
    }
  }
  const back = sentBack(p);
  if (back) fields.push({ key: c.sentBack, value: clip(c.sentBackLine(back.actor.name, back.note ?? ''), FIELD_MAX) });
  return {
    taskId: newTaskId(p),
    title,
    description: description ?? c.describe(p.session, p.handlingType === 'co', p.isKey, proposers),
    fields,
    buttons: staffButtons(t, p, viewer),
  };
}
