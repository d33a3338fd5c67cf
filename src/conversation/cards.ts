/**
 * Button cards for proposals. A button carries a typed action (button.codec.ts) with the
 * proposal id and the version the card showed, so a click can act at once and a stale or
 * repeated click is refused by the ledger's version check. Only actions that need no further
 * input act directly; the other buttons start a guided step asking for what is missing.
 */
import { randomBytes } from 'node:crypto';
import type { ButtonCard, CardButton } from '../shared/outbound.js';
import type { Command } from '../domain/commands.js';
import { STAGE_LABELS } from '../present/ledger.texts.js';
import { measureWithProgress } from '../present/measures.js';
import { auditKind } from '../domain/audit.js';
import type { Actor, AuditEvent, Proposal } from '../domain/model.js';
import { nextStageOf } from '../domain/stages.js';
import { readsAsMember, sees } from '../domain/visibility.js';
import { memberReplyLine } from '../present/member-view.js';
import { availableCommands, decide } from '../domain/workflow.js';
import { AUDIT_NOTES } from '../present/audit-notes.js';
import { texts } from './conversation.texts.js';
import { DIRECT_ACTIONS, encodeButton, type DirectAction, type GuidedAction } from './button.codec.js';
import type { CardEnv } from './context.js';
import { memberTexts } from './member.texts.js';
import { dueText, namesFor, stageWord } from './present.js';

const direct = (a: DirectAction, p: Proposal): string => encodeButton({ kind: 'direct', action: a, proposalId: p.id, version: p.version });
const guided = (a: GuidedAction, p: Proposal): string => encodeButton({ kind: 'guided', action: a, proposalId: p.id, version: p.version });

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
      notes: AUDIT_NOTES,
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
  const add = (ok: boolean, text: string, key: string, style?: CardButton['style']) => {
    if (ok) out.push({ text, key, ...(style ? { style } : {}) });
  };
  const accepts = (a: DirectAction) => can.has(DIRECT_ACTIONS[a].type) && wouldAccept(t, p, viewer, DIRECT_ACTIONS[a]);
  const pendingExt = p.extensions.some((e) => e.status === 'pending');
  const next = nextStageOf(p.handlingType, p.stage);
  add(can.has('assign'), b.assign, guided('assign', p), 1);
  add(accepts('accept'), b.accept, direct('accept', p), 1);
  add(can.has('return'), b.return, guided('return', p), 2);
  add(can.has('designate') && !p.handlerUserid && p.stage !== 'registered', b.designate, guided('designate', p), 1);
  add(accepts('signOff'), b.signOff, direct('signOff', p), 1);
  add(can.has('signOff'), b.signOffBack, guided('signOffBack', p), 2);
  add(accepts('approveExt') && pendingExt, b.approveExtension, direct('approveExt', p), 1);
  add(can.has('decideExtension') && pendingExt, b.rejectExtension, guided('rejectExt', p), 2);
  add(can.has('logContact'), b.logContact, guided('logContact', p));
  add(can.has('draftReply'), b.draftReply, guided('draftReply', p));
  add(can.has('sendReply'), b.sendReply, guided('sendReply', p), 1);
  add(can.has('sendCoOpinion') && p.handlingType === 'co', b.sendCoOpinion, guided('sendCoOpinion', p));
  add(can.has('superviseMeasure') && p.measures.some((m) => m.status === 'open'), b.superviseMeasure, guided('superviseMeasure', p));
  add(accepts('advance') && next !== undefined, b.advance(STAGE_LABELS[next ?? p.stage]), direct('advance', p), 1);
  add(accepts('archive'), b.archive, direct('archive', p), 1);
  add(can.has('instruct'), b.instruct, guided('instruct', p));
  add(accepts('chase'), b.chase, direct('chase', p));
  add(can.has('requestExtension') && !pendingExt, b.requestExtension, guided('requestExtension', p));
  return out.slice(0, MAX_BUTTONS);
}

function memberButtons(t: CardEnv, p: Proposal, viewer: Actor): CardButton[] {
  const b = memberTexts.buttons;
  const out: CardButton[] = [];
  if (wouldAccept(t, p, viewer, DIRECT_ACTIONS.satisfied)) {
    out.push({ text: b.satisfied, key: direct('satisfied', p), style: 1 });
    out.push({ text: b.basic, key: direct('basic', p), style: 1 });
    out.push({ text: b.dissatisfied, key: guided('dissatisfied', p), style: 2 });
  }
  const open = unconfirmedContact(p);
  if (open && availableCommands(p, viewer).includes('confirmContact')) out.push(...confirmButtons(p, open.id));
  return out;
}

export function confirmButtons(p: Proposal, contactId: string): CardButton[] {
  return [
    { text: memberTexts.buttons.confirm, key: encodeButton({ kind: 'confirmContact', proposalId: p.id, contactId }), style: 1 },
    { text: memberTexts.buttons.dispute, key: guided('dispute', p), style: 2 },
  ];
}

/** The oldest face-to-face contact the member has not confirmed or disputed yet. */
export const unconfirmedContact = (p: Proposal) => p.contacts.find((c) => c.faceToFace && c.confirmation === 'unconfirmed');

export const newTaskId = (p?: Proposal): string => `tt-${p ? `${p.number}-${p.version}` : 'ask'}-${randomBytes(4).toString('hex')}`;

/** A yes/no question as a card: what was understood (about `p`, or a suggestion about none). */
export function answerCard(p: Proposal | undefined, title: string, description: string): ButtonCard {
  const b = texts.answerButtons;
  const key = (yes: boolean) => encodeButton({ kind: 'answer', yes, ...(p && { proposalId: p.id }) });
  const [yes, no] = p ? [b.confirm, b.cancel] : [b.yes, b.no];
  return {
    taskId: newTaskId(p),
    title,
    description,
    buttons: [
      { text: yes, key: key(true), style: 1 },
      { text: no, key: key(false), style: 2 },
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
  const title = clip(texts.card.title(p.number, p.title, p.kind), TITLE_MAX);
  const f2f = p.contacts.filter((c) => c.faceToFace);
  // What of the proposal this person reads is the domain's visibility table, as on the web.
  if (readsAsMember(viewer, p)) {
    const m = memberTexts.card;
    return {
      taskId: newTaskId(p),
      title,
      description: description ?? m.describe(p.session, proposers, p.kind),
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
    description: description ?? c.describe(p.session, p.handlingType === 'co', p.isKey, proposers, p.kind),
    fields,
    buttons: staffButtons(t, p, viewer),
  };
}
