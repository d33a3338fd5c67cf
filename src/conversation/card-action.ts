/**
 * A pressed button. Direct actions run their chat command on the version the card showed: the
 * first click applies, a repeated or concurrent one meets the ledger's version check and is told
 * who did it and when. The card is updated to show what was done and by whom.
 */
import type { InboundCardAction, OutboundBody } from '../channels/contract.js';
import { auditKind, auditKindLabel, type AuditKind } from '../domain/audit.js';
import type { Command, CommandType } from '../domain/commands.js';
import { isDomainError } from '../domain/errors.js';
import { texts as ledgerTexts } from '../domain/ledger.texts.js';
import type { Proposal } from '../domain/model.js';
import { refusalOf } from '../domain/workflow.js';
import { DIRECT_ACTIONS, GUIDED_ACTIONS, parseButtonKey, type ButtonKey } from './cards.js';
import { confirmContact } from './commands/contact.command.js';
import { texts } from './conversation.texts.js';
import { say, withText, type Turn } from './context.js';
import type { Pending } from './dialog.store.js';
import { labelOf, shortTime } from './present.js';
import type { Router } from './router.js';
import { STEPS } from './step-table.js';
import { stepDef } from './steps.js';

const actionLabel = (action: CommandType): string => ledgerTexts.actionLabel(action);

/**
 * The card was older than the proposal: say who changed it first and what they did, by the kind
 * recorded (a 签发 button pressed after the leader sent the draft back says 签发退回, not 签发).
 */
async function stale(t: Turn, p: Proposal, shownVersion: number, tried: Command): Promise<void> {
  const fresh = await t.deps.core.ledger.get(p.id, t.actor);
  // Event i took the proposal from version i to i + 1 (event 0 registered version 1).
  const first = fresh.events[shownVersion] ?? fresh.events.at(-1);
  if (!first) return say(t, ledgerTexts.conflict);
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
  if (action.kind === 'button') {
    const message = { ...t.message, kind: 'cardAction' as const, key: action.key, taskId: action.taskId };
    return handleCardAction({ ...t, message }, router, true);
  }
  const turn = withText(t, action.kind === 'text' ? action.text : action.args);
  if (action.kind === 'text') return router.dispatch(turn, turn.text!);
  return router.runOn(turn, action.verb, await t.deps.core.ledger.get(action.proposalId, t.actor), turn.text!);
}

/** 确认 or 取消 pressed on a question card: answers what is pending, if it is still that question. */
async function answer(t: Turn, router: Router, key: Extract<ButtonKey, { kind: 'answer' }>, taskId: string): Promise<void> {
  const { dialogs } = t.deps;
  const pending = await dialogs.getPending(t.dialogKey);
  const about = pending?.type === 'confirm' && pending.action.kind === 'command' ? pending.action.proposalId : undefined;
  if (pending?.type !== 'confirm' || about !== key.proposalId) return say(t, texts.understood.expired);
  await dialogs.clearPending(t.dialogKey);
  const b = texts.answerButtons;
  await t.reply({ type: 'cardUpdate', taskId, replaceName: key.yes ? b.confirmedName : b.cancelledName });
  return key.yes ? runConfirmed(t, router, pending.action) : say(t, texts.cancelled);
}

/** What pressing a button does, in the words of its command. */
function buttonAction(key: Exclude<ButtonKey, { kind: 'answer' }>): string {
  if (key.kind === 'confirm') return actionLabel('confirmContact');
  if (key.kind === 'direct') return actionLabel(DIRECT_ACTIONS[key.action].cmd.type);
  return GUIDED_ACTIONS[key.action]!.verb;
}

/**
 * A button of a card that is not the newest one the person received acts only after 确认:
 * scrolling up and pressing the wrong card must not act on the wrong proposal.
 * `confirmed` is set when the person has said 确认.
 */
export async function handleCardAction(t: Turn, router: Router, confirmed = false): Promise<void> {
  const msg = t.message as InboundCardAction;
  const key = parseButtonKey(msg.key);
  if (!key) return say(t, texts.card.unknownButton);
  if (key.kind === 'answer') return answer(t, router, key, msg.taskId);
  const p = await t.deps.core.ledger.get(key.proposalId, t.actor);
  const latest = await t.deps.dialogs.latestCard(t.person.userid);
  if (!confirmed && key.kind !== 'guided' && latest !== undefined && latest !== msg.taskId) {
    await t.deps.dialogs.setPending(t.dialogKey, t.person.userid, { type: 'confirm', action: { kind: 'button', key: msg.key, taskId: msg.taskId } });
    return say(t, texts.card.notLatest(labelOf(p), buttonAction(key)));
  }
  const updated = (type: CommandType): OutboundBody => ({
    type: 'cardUpdate',
    taskId: msg.taskId,
    replaceName: texts.card.replaceName(actionLabel(type), t.person.name, shortTime(t.deps.core.clock.now())),
  });

  if (key.kind === 'confirm') {
    const replies: OutboundBody[] = [];
    const next = await confirmContact({ ...t, reply: async (b) => void replies.push(b) }, p, true, undefined, key.contactId);
    if (next) await t.reply(updated('confirmContact'));
    for (const b of replies) await t.reply(b);
    return;
  }
  if (key.kind === 'guided') {
    const g = GUIDED_ACTIONS[key.action]!;
    // A button of an old card (不满意 after archiving) is refused before it asks for anything.
    const refused = refusalOf(p, stepDef(STEPS, g.step).actions, t.actor);
    if (refused) throw refused;
    return router.ask(t, p, g.step, `${labelOf(p)}\n`);
  }

  const action = DIRECT_ACTIONS[key.action];
  // The command's own confirmation follows the card update (the first answer to a click updates the card).
  const replies: OutboundBody[] = [];
  const turn: Turn = { ...t, expectedVersion: key.version, reply: async (b) => void replies.push(b) };
  try {
    await router.execute(turn, action.verb, p, action.args);
  } catch (err) {
    if (isDomainError(err) && err.code === 'conflict') return stale(t, p, key.version, action.cmd);
    throw err;
  }
  await t.reply(updated(action.cmd.type));
  for (const b of replies) await t.reply(b);
}
