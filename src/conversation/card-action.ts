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
import { DIRECT_ACTIONS, GUIDED_ACTIONS, parseButtonKey } from './cards.js';
import { confirmContact } from './commands/contact.command.js';
import { texts } from './conversation.texts.js';
import { say, type Turn } from './context.js';
import { labelOf, shortTime } from './present.js';
import type { Router } from './router.js';

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

export async function handleCardAction(t: Turn, router: Router): Promise<void> {
  const msg = t.message as InboundCardAction;
  const key = parseButtonKey(msg.key);
  if (!key) return say(t, texts.card.unknownButton);
  const p = await t.deps.core.ledger.get(key.proposalId, t.actor);
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
    await t.deps.dialogs.setPending(t.dialogKey, t.person.userid, { type: 'complete', verb: g.verb, proposalId: p.id, args: g.args });
    return say(t, `${labelOf(p)}\n${g.prompt}${texts.cancelHint}`);
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
