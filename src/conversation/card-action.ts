/**
 * A pressed button, dispatched by its typed action (button.codec.ts). A direct action performs
 * its ledger command on the version the card showed: the first click applies, a repeated or
 * concurrent one meets the ledger's version check and is told who did it and when, and the card
 * is updated to show what was done and by whom. A guided action waits in its first step.
 */
import type { InboundCardAction } from '../channels/contract.js';
import type { OutboundBody } from '../shared/outbound.js';
import { auditKind, type AuditKind } from '../domain/audit.js';
import { auditKindLabel } from '../present/audit.js';
import type { Command, CommandType } from '../domain/commands.js';
import { isDomainError } from '../domain/errors.js';
import { actionLabel } from '../present/ledger.texts.js';
import { texts as refusalTexts } from '../present/refusals.texts.js';
import type { Proposal } from '../domain/model.js';
import { refusalOf } from '../domain/workflow.js';
import { decodeButton, DIRECT_ACTIONS, GUIDED_ACTIONS, type ButtonAction, type DirectAction } from './button.codec.js';
import { doneText } from './commands/assign.command.js';
import { confirmContact } from './commands/contact.command.js';
import { ratedText } from './commands/feedback.command.js';
import { chasedText } from './commands/progress.command.js';
import { texts } from './conversation.texts.js';
import { perform, say, withText, type Turn } from './context.js';
import type { Pending } from './dialog.store.js';
import { labelOf, shortTime } from './present.js';
import type { Router } from './router.js';
import { STEPS } from './step-table.js';
import { stepDef } from './steps.js';

/** What each direct button says once done, in the words of the chat command that does the same. */
const DONE: { [A in DirectAction]: (t: Turn, next: Proposal) => string | Promise<string> } = {
  accept: (t, next) => doneText(t, next, 'accept'),
  advance: (t, next) => doneText(t, next, 'advance'),
  signOff: (t, next) => doneText(t, next, 'signOff'),
  archive: (t, next) => doneText(t, next, 'archive'),
  chase: chasedText,
  approveExt: (_t, next) => texts.extensionDecided(labelOf(next), true),
  satisfied: (_t, next) => ratedText(next, 'satisfied'),
  basic: (_t, next) => ratedText(next, 'basic'),
};

/**
 * The card was older than the proposal: say who changed it first and what they did, by the kind
 * recorded (a 签发 button pressed after the leader sent the draft back says 签发退回, not 签发).
 */
async function stale(t: Turn, p: Proposal, shownVersion: number, tried: Command): Promise<void> {
  const fresh = await t.deps.core.ledger.get(p.id, t.actor);
  // Event i took the proposal from version i to i + 1 (event 0 registered version 1).
  const first = fresh.events[shownVersion] ?? fresh.events.at(-1);
  if (!first) return say(t, refusalTexts.conflict);
  const who = first.actor.name;
  const when = shortTime(first.at);
  const kind = auditKind(first);
  const did = auditKindLabel(kind);
  return say(
    t,
    kind === triedKind(tried) ? texts.card.alreadyDone(labelOf(fresh), who, when, did) : texts.card.stale(labelOf(fresh), who, when, did, fresh.number),
  );
}

/** The kind of event a button would have recorded. */
const triedKind = (cmd: Command): AuditKind =>
  cmd.type === 'decideExtension' ? (cmd.approve ? 'approveExtension' : 'refuseExtension') : cmd.type === 'signOff' && !cmd.approve ? 'signOffBack' : cmd.type;

type ConfirmAction = Extract<Pending, { type: 'confirm' }>['action'];

/** What was waiting for 确认: a button pressed on an older card, a command read from plain words, a suggestion. */
export async function runConfirmed(t: Turn, router: Router, action: ConfirmAction): Promise<void> {
  if (action.kind === 'button') return press(t, router, action.action, action.taskId, true);
  if (action.kind === 'command') return router.resume(t, action.command, await t.deps.core.ledger.get(action.proposalId, t.actor));
  const turn = withText(t, action.text);
  return router.dispatch(turn, turn.text!);
}

/** 确认 or 取消 pressed on a question card: answers what is pending, if it is still that question. */
async function answer(t: Turn, router: Router, a: Extract<ButtonAction, { kind: 'answer' }>, taskId: string): Promise<void> {
  const { dialogs } = t.deps;
  const pending = await dialogs.getPending(t.dialogKey);
  if (pending?.type === 'outdated') {
    await dialogs.clearPending(t.dialogKey);
    return say(t, texts.stepOutdated);
  }
  const about = pending?.type === 'confirm' && pending.action.kind === 'command' ? pending.action.proposalId : undefined;
  if (pending?.type !== 'confirm' || about !== a.proposalId) return say(t, texts.understood.expired);
  await dialogs.clearPending(t.dialogKey);
  const b = texts.answerButtons;
  await t.reply({ type: 'cardUpdate', taskId, replaceName: a.yes ? b.confirmedName : b.cancelledName });
  return a.yes ? runConfirmed(t, router, pending.action) : say(t, texts.cancelled);
}

/** What an acting button does, in the words of its ledger command. */
const actionName = (a: Extract<ButtonAction, { kind: 'direct' | 'confirmContact' }>): string =>
  actionLabel(a.kind === 'confirmContact' ? 'confirmContact' : DIRECT_ACTIONS[a.action].type);

/** A button that is not one of ours (or no longer is) is told so; the others are pressed. */
export async function handleCardAction(t: Turn, router: Router): Promise<void> {
  const msg = t.message as InboundCardAction;
  const action = decodeButton(msg.key);
  if (!action) return say(t, texts.card.unknownButton);
  return press(t, router, action, msg.taskId, false);
}

/**
 * An acting button of a card that is not the newest one the person received acts only after
 * 确认: scrolling up and pressing the wrong card must not act on the wrong proposal.
 * `confirmed` is set when the person has said 确认.
 */
async function press(t: Turn, router: Router, action: ButtonAction, taskId: string, confirmed: boolean): Promise<void> {
  if (action.kind === 'answer') return answer(t, router, action, taskId);
  const p = await t.deps.core.ledger.get(action.proposalId, t.actor);
  if (action.kind === 'guided') {
    const step = GUIDED_ACTIONS[action.action];
    // A button of an old card (不满意 after archiving) is refused before it asks for anything.
    const refused = refusalOf(p, stepDef(STEPS, step).actions, t.actor);
    if (refused) throw refused;
    return router.ask(t, p, step, `${labelOf(p)}\n`);
  }
  const latest = await t.deps.dialogs.latestCard(t.person.userid);
  if (!confirmed && latest !== undefined && latest !== taskId) {
    await t.deps.dialogs.setPending(t.dialogKey, t.person.userid, { type: 'confirm', action: { kind: 'button', action, taskId } });
    return say(t, texts.card.notLatest(labelOf(p), actionName(action)));
  }
  const updated = (type: CommandType): OutboundBody => ({
    type: 'cardUpdate',
    taskId,
    replaceName: texts.card.replaceName(actionLabel(type), t.person.name, shortTime(t.deps.core.clock.now())),
  });

  if (action.kind === 'confirmContact') {
    // The command's own confirmation follows the card update (the first answer to a click updates the card).
    const replies: OutboundBody[] = [];
    const next = await confirmContact({ ...t, reply: async (b) => void replies.push(b) }, p, true, undefined, action.contactId);
    if (next) await t.reply(updated('confirmContact'));
    for (const b of replies) await t.reply(b);
    return;
  }

  const cmd = DIRECT_ACTIONS[action.action];
  let next: Proposal;
  try {
    next = await perform({ ...t, expectedVersion: action.version }, p, cmd);
  } catch (err) {
    if (isDomainError(err) && err.code === 'conflict') return stale(t, p, action.version, cmd);
    throw err;
  }
  await t.reply(updated(cmd.type));
  await say(t, await DONE[action.action](t, next));
}
