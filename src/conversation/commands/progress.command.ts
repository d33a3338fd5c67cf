/** 推进, 归档, 阅批, 催办: moving a proposal on and chasing it. */
import { isDomainError } from '../../domain/errors.js';
import { STAGE_LABELS } from '../../present/ledger.texts.js';
import { refusalText } from '../../present/refusals.js';
import type { Proposal, Stage } from '../../domain/model.js';
import { pathFor, stageIndex } from '../../domain/stages.js';
import { texts } from '../conversation.texts.js';
import { needMore, perform, say, settled, typed, type CommandResult, type Turn } from '../context.js';
import { InputError } from '../../shared/input-error.js';
import { labelOf, personName } from '../present.js';
import type { ChatCommand } from '../router.js';
import type { StepDefs } from '../steps.js';
import { doneText } from './assign.command.js';

/** The stage a person names (会审, 会审环节), within the proposal's own path. */
function targetStage(p: Proposal, word: string): Stage {
  const path = pathFor(p.handlingType);
  const name = word.replace(/环节$/u, '');
  const stage = path.find((s) => STAGE_LABELS[s] === name);
  if (!stage)
    throw new InputError(
      texts.badInput(
        texts.unknownStage(
          word,
          path.map((s) => STAGE_LABELS[s]),
        ),
        'advance',
      ),
    );
  return stage;
}

async function advance(t: Turn, args: string, p: Proposal): Promise<void> {
  const to = /^到\s*(\S+)\s*(.*)$/u.exec(args);
  if (!to) {
    const next = await perform(t, p, { type: 'advance', note: args || undefined });
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
      return say(t, texts.advanceStopped(labelOf(current), STAGE_LABELS[current.stage], refusalText(err.refusal)));
    }
    passed.push(STAGE_LABELS[current.stage]);
  }
  return say(t, texts.advancedTo(labelOf(current), passed));
}

/** Who a 催办 reached: the notice itself follows from the audit event (domain/notices.ts), to the handler, else the head. */
export async function chasedText(t: Turn, next: Proposal): Promise<string> {
  const target = next.handlerUserid ?? next.responsibleUserid;
  const told = target !== undefined && target !== t.person.userid;
  return told ? texts.chased(labelOf(next), await personName(t, target)) : texts.chasedNobody(labelOf(next));
}

async function chase(t: Turn, args: string, p: Proposal): Promise<void> {
  return say(t, await chasedText(t, await perform(t, p, { type: 'chase', note: args || undefined })));
}

async function instruct(t: Turn, p: Proposal, text: string): Promise<CommandResult> {
  if (!text) return needMore({ step: 'instruct.text' });
  await say(t, doneText(t, await perform(t, p, { type: 'instruct', text }), 'instruct'));
}

export const progressCommands: ChatCommand[] = [
  { id: 'advance', needsProposal: true, run: (t, args, p) => advance(t, args, p!) },
  {
    id: 'archive',
    needsProposal: true,
    async run(t, args, p) {
      await say(t, doneText(t, await perform(t, p!, { type: 'archive', note: args || undefined }), 'archive'));
    },
  },
  { id: 'instruct', needsProposal: true, run: (t, args, p) => instruct(t, p!, args) },
  { id: 'chase', needsProposal: true, run: (t, args, p) => chase(t, args, p!) },
];

export const progressSteps: StepDefs<'instruct.text'> = {
  'instruct.text': { actions: ['instruct'], ask: () => texts.ask.instruct, answer: (t, p, _s, answer) => instruct(settled(t), p, typed(t, answer)) },
};
