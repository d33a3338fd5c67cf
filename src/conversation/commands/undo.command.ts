/**
 * 撤销: the latest step of a proposal taken back, shown first and done on 确认. Without a number,
 * the sender's own latest step anywhere. Who may undo what is the workflow's rule (checkUndo);
 * people told about the undone step get a correction.
 */
import type { Proposal } from '../../domain/model.js';
import { checkUndo, undoableStep } from '../../domain/workflow.js';
import { actionLabel } from '../../present/ledger.texts.js';
import { answerCard } from '../cards.js';
import { texts } from '../conversation.texts.js';
import { perform, say, typed, type Turn } from '../context.js';
import { notifyUser } from '../notify.js';
import { readNumberRef } from '../parse/text.js';
import { labelOf, personName, shortTime, stageWord } from '../present.js';
import type { ChatCommand } from '../router.js';

/** Who was told about each kind of step (by the commands that take it), given the state it produced. */
const TOLD: Partial<Record<string, (p: Proposal) => (string | undefined)[]>> = {
  assign: (p) => [p.responsibleUserid],
  reassign: (p) => [p.responsibleUserid],
  designate: (p) => [p.handlerUserid],
  advance: (p) => (p.stage === 'signing' ? [p.leaderUserid] : []),
  signOff: (p) => [p.handlerUserid],
  chase: (p) => [p.handlerUserid ?? p.responsibleUserid],
  instruct: (p) => [p.handlerUserid ?? p.responsibleUserid],
  logContact: (p) => (p.contacts.at(-1)?.faceToFace ? p.proposers.map((x) => x.userid) : []),
  sendReply: (p) => p.proposers.map((x) => x.userid),
};

/** The proposal whose latest step is the sender's own, most recent first. */
async function ownLatest(t: Turn): Promise<Proposal | undefined> {
  const { ledger, clock } = t.deps.core;
  // Only what changed within the undo window can be undone: read just those in full.
  const since = clock.now().getTime() - ledger.policy.undoMinutes * 60_000;
  const recent = await ledger.listDocuments({}, t.actor, (e) => e.changedAt.getTime() >= since);
  const mine = recent.filter((p) => undoableStep(p)?.actor.userid === t.person.userid);
  return mine.sort((a, b) => undoableStep(b)!.at.getTime() - undoableStep(a)!.at.getTime())[0];
}

/** Shows the step to be undone; 确认 runs the command again with the proposal (see `undo`). */
async function ask(t: Turn, args: string): Promise<void> {
  const num = readNumberRef(args);
  const reason = num ? num.rest : args;
  const named = num ? (await t.deps.core.ledger.byNumber(num.number, t.actor)).filter((e) => !num.kind || e.kind === num.kind) : [];
  // Taking back a step on the wrong case is worse than asking: both kinds under one number need the kind written.
  if (new Set(named.map((e) => e.kind)).size > 1) return say(t, texts.kindNeeded(num!.number));
  const p = num ? named[0] && (await t.deps.core.ledger.get(named[0].id, t.actor)) : await ownLatest(t);
  if (!p) return say(t, num ? texts.notFoundRef(num.number) : texts.undo.nothing);
  const { core } = t.deps;
  const action = actionLabel(checkUndo(p, t.actor, core.clock.now(), core.ledger.policy, reason).action);
  const last = p.events.at(-1)!;
  await t.deps.dialogs.setPending(t.dialogKey, t.person.userid, {
    type: 'confirm',
    action: { kind: 'command', command: { id: 'undo', args: typed(t, reason) }, proposalId: p.id },
  });
  await t.reply({ type: 'card', card: answerCard(p, texts.undo.title, texts.undo.description(labelOf(p), last.actor.name, shortTime(last.at), action)) });
}

async function undo(t: Turn, reason: string, p: Proposal): Promise<void> {
  const last = p.events.at(-1)!;
  const action = actionLabel(checkUndo(p, t.actor, t.deps.core.clock.now(), t.deps.core.ledger.policy, reason).action);
  const next = await perform(t, p, { type: 'undo', reason: reason || undefined });
  const told = [...new Set(TOLD[last.action]?.(p) ?? [])].filter((u): u is string => Boolean(u));
  const names: string[] = [];
  const body = {
    type: 'text' as const,
    text: texts.notice.corrected(labelOf(next), t.person.name, action, reason ? typed(t, reason) : undefined, stageWord(next, t.actor)),
  };
  for (const userid of told) if (await notifyUser(t, userid, next, 'undo', body)) names.push(await personName(t, userid));
  const lines = [texts.undo.done(labelOf(next), action, stageWord(next, t.actor))];
  if (names.length) lines.push(texts.undo.corrected(names));
  await say(t, lines.join('\n'));
}

export const undoCommands: ChatCommand[] = [
  {
    id: 'undo',
    needsProposal: false,
    // Run with a proposal only after 确认 (the router's resume); typed, it first shows what would be undone.
    run: (t, args, p) => (p ? undo(t, args, p) : ask(t, args)),
  },
];
