/** 推进, 归档, 阅批, 催办: moving a proposal on and chasing it. */
import { isDomainError } from '../../domain/errors.js';
import { STAGE_LABELS } from '../../domain/ledger.texts.js';
import type { Proposal, Stage } from '../../domain/model.js';
import { pathFor, stageIndex } from '../../domain/stages.js';
import { texts } from '../conversation.texts.js';
import { InputError, NeedMore, perform, say, typed, type Turn } from '../context.js';
import { notifyUser, notifyWithCard } from '../notify.js';
import { dueText, labelOf, personName } from '../present.js';
import type { ChatCommand } from '../router.js';
import { doneText } from './assign.command.js';

/** The stage a person names (会审, 会审环节), within the proposal's own path. */
function targetStage(p: Proposal, word: string): Stage {
  const path = pathFor(p.handlingType);
  const name = word.replace(/环节$/u, '');
  const stage = path.find((s) => STAGE_LABELS[s] === name);
  if (!stage) throw new InputError(texts.badInput(texts.unknownStage(word, path.map((s) => STAGE_LABELS[s])), '推进'));
  return stage;
}

async function afterAdvance(t: Turn, p: Proposal): Promise<void> {
  if (p.stage === 'signing') await notifyWithCard(t, p.leaderUserid, p, 'toSign', texts.notice.toSign);
}

async function advance(t: Turn, args: string, p: Proposal): Promise<void> {
  const to = /^到\s*(\S+)\s*(.*)$/u.exec(args);
  if (!to) {
    const next = await perform(t, p, { type: 'advance', note: args || undefined });
    await afterAdvance(t, next);
    return say(t, doneText(t, next, 'advance'));
  }
  const target = targetStage(p, to[1]!);
  const goal = stageIndex(p.handlingType, target);
  if (goal <= stageIndex(p.handlingType, p.stage)) return say(t, texts.stagePassed(STAGE_LABELS[target]));
  let current = p;
  const passed: string[] = [];
  while (stageIndex(current.handlingType, current.stage) < goal) {
    try {
      current = await perform(t, current, { type: 'advance', note: to[2] || undefined });
    } catch (err) {
      if (!isDomainError(err) || passed.length === 0) throw err;
      await afterAdvance(t, current);
      return say(t, texts.advanceStopped(labelOf(current), STAGE_LABELS[current.stage], err.message));
    }
    passed.push(STAGE_LABELS[current.stage]);
  }
  await afterAdvance(t, current);
  return say(t, texts.advancedTo(labelOf(current), passed));
}

async function chase(t: Turn, args: string, p: Proposal): Promise<void> {
  const next = await perform(t, p, { type: 'chase', note: args || undefined });
  const target = next.handlerUserid ?? next.responsibleUserid;
  const body = { type: 'text' as const, text: texts.notice.chase(labelOf(next), t.person.name, args ? typed(t, args) : undefined, dueText(t, next)) };
  const sent = await notifyUser(t, target, next, 'chase', body);
  return say(t, sent && target ? texts.chased(labelOf(next), await personName(t, target)) : texts.chasedNobody(labelOf(next)));
}

export const progressCommands: ChatCommand[] = [
  { word: '推进', needsProposal: true, run: (t, args, p) => advance(t, args, p!) },
  {
    word: '归档',
    needsProposal: true,
    async run(t, args, p) {
      await say(t, doneText(t, await perform(t, p!, { type: 'archive', note: args || undefined }), 'archive'));
    },
  },
  {
    word: '阅批',
    needsProposal: true,
    async run(t, args, p) {
      if (!args) throw new NeedMore(texts.ask.instruct);
      const next = await perform(t, p!, { type: 'instruct', text: args });
      const body = { type: 'text' as const, text: texts.notice.instruction(labelOf(next), t.person.name, typed(t, args)) };
      await notifyUser(t, next.handlerUserid ?? next.responsibleUserid, next, 'instruction', body);
      await say(t, doneText(t, next, 'instruct'));
    },
  },
  { word: '催办', needsProposal: true, run: (t, args, p) => chase(t, args, p!) },
];
