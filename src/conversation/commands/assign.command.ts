/** 交办, 改派, 接收, 退回, 指定: getting a proposal to a division and a named handler. */
import type { CommandType } from '../../domain/commands.js';
import { actionLabel } from '../../present/ledger.texts.js';
import { texts as refusalTexts } from '../../present/refusals.texts.js';
import type { Proposal } from '../../domain/model.js';
import { texts, WORDS } from '../conversation.texts.js';
import { needMore, perform, say, settled, typed, type CommandResult, type Turn } from '../context.js';
import { InputError } from '../../shared/input-error.js';
import { splitList } from '../parse/text.js';
import { labelOf, stageWord } from '../present.js';
import type { ChatCommand } from '../router.js';
import { joinText, type StepDefs } from '../steps.js';

/** Confirms a step in the same words for every command: proposal, what was done, where it stands. */
export const doneText = (t: Turn, p: Proposal, type: CommandType): string => texts.done(labelOf(p), actionLabel(type), stageWord(p, t.actor));

/** A labelled division (主办:开发处, 协办 帮扶处、社帮处), the colon optional. */
const labelled = (labels: readonly string[]) => new RegExp(`(?:^|\\s)(?:${labels.join('|')})\\s*:?\\s*(\\S+)`, 'u');
const LEAD_LABEL = labelled(WORDS.lead);
const CO_LABEL = labelled(WORDS.assisting);

/**
 * Reads `主办:开发处 协办:帮扶处、社帮处 理由:…`; 主办 may be left out (the first word is then
 * the lead division) and the colon may be a space. What is left over is returned as `rest`.
 */
export function parseAssignment(args: string): { lead?: string; assisting: string[]; rest: string } {
  let s = args.replace(/\s*[,、]\s*/gu, '、');
  let assisting: string[] = [];
  const co = CO_LABEL.exec(s);
  if (co) {
    assisting = splitList(co[1]!);
    s = `${s.slice(0, co.index)} ${s.slice(co.index + co[0].length)}`.trim();
  }
  const lead = LEAD_LABEL.exec(s);
  if (lead) return { lead: lead[1], assisting, rest: `${s.slice(0, lead.index)} ${s.slice(lead.index + lead[0].length)}`.trim() };
  const [first, ...more] = s.split(' ').filter(Boolean);
  return { lead: first, assisting, rest: more.join(' ') };
}

const REASON_LABEL = new RegExp(`^(?:${WORDS.reason.join('|')})\\s*:?\\s*`, 'u');
const stripReasonLabel = (s: string) => s.replace(REASON_LABEL, '').trim();

interface Assignment {
  lead?: string;
  assisting: string[];
}

async function designate(t: Turn, p: Proposal, name: string): Promise<CommandResult> {
  const who = name.replace(/^@/, '').trim();
  if (!who) return needMore({ step: 'designate.who' });
  const { directory } = t.deps.core;
  const byId = await directory.findPerson(who);
  const people = byId ? [byId] : (await directory.findPeopleByName(who)).filter((x) => x.active);
  if (people.length === 0) throw new InputError(texts.badInput(refusalTexts.unknownPerson(who), 'designate'));
  if (people.length > 1)
    throw new InputError(
      texts.badInput(
        texts.peopleAmbiguous(
          who,
          people.map((x) => x.userid),
        ),
        'designate',
      ),
    );
  const next = await perform(t, p, { type: 'designate', handlerUserid: people[0]!.userid });
  await say(t, `${doneText(t, next, 'designate')}承办人：${people[0]!.name}。`);
}

async function assign(t: Turn, p: Proposal, a: Assignment & { note: string }): Promise<CommandResult> {
  if (!a.lead) return needMore({ step: 'assign.lead', assisting: a.assisting, note: typed(t, a.note) });
  const next = await perform(t, p, { type: 'assign', leadDivision: a.lead, assisting: a.assisting, note: a.note || undefined });
  await say(t, doneText(t, next, 'assign'));
}

async function reassign(t: Turn, p: Proposal, a: Assignment & { reason: string }): Promise<CommandResult> {
  if (!a.lead) return needMore({ step: 'reassign.lead', assisting: a.assisting, reason: typed(t, a.reason) });
  if (!a.reason) return needMore({ step: 'reassign.reason', assisting: a.assisting, lead: a.lead });
  const next = await perform(t, p, { type: 'reassign', leadDivision: a.lead, assisting: a.assisting, reason: a.reason });
  await say(t, doneText(t, next, 'reassign'));
}

async function returnProposal(t: Turn, p: Proposal, reason: string): Promise<CommandResult> {
  if (!reason) return needMore({ step: 'return.reason' });
  await say(t, doneText(t, await perform(t, p, { type: 'return', reason }), 'return'));
}

export const assignCommands: ChatCommand[] = [
  {
    id: 'assign',
    needsProposal: true,
    run(t, args, p) {
      const a = parseAssignment(args);
      return assign(t, p!, { ...a, note: a.rest });
    },
  },
  {
    id: 'reassign',
    needsProposal: true,
    run(t, args, p) {
      const a = parseAssignment(args);
      return reassign(t, p!, { ...a, reason: stripReasonLabel(a.rest) });
    },
  },
  {
    id: 'accept',
    needsProposal: true,
    async run(t, _args, p) {
      await say(t, doneText(t, await perform(t, p!, { type: 'accept' }), 'accept'));
    },
  },
  { id: 'return', needsProposal: true, run: (t, args, p) => returnProposal(t, p!, stripReasonLabel(args)) },
  { id: 'designate', needsProposal: true, run: (t, args, p) => designate(t, p!, args) },
];

export const assignSteps: StepDefs<'assign.lead' | 'reassign.lead' | 'reassign.reason' | 'return.reason' | 'designate.who'> = {
  'assign.lead': {
    actions: ['assign'],
    ask: () => texts.ask.assign,
    answer(t, p, s, answer) {
      const a = parseAssignment(answer);
      return assign(settled(t), p, { lead: a.lead, assisting: [...s.assisting, ...a.assisting], note: joinText(s.note, typed(t, a.rest)) });
    },
  },
  'reassign.lead': {
    actions: ['reassign'],
    ask: () => texts.ask.reassign,
    answer(t, p, s, answer) {
      const a = parseAssignment(answer);
      const reason = joinText(s.reason, typed(t, stripReasonLabel(a.rest)));
      return reassign(settled(t), p, { lead: a.lead, assisting: [...s.assisting, ...a.assisting], reason });
    },
  },
  'reassign.reason': {
    actions: ['reassign'],
    ask: () => texts.ask.reason,
    answer: (t, p, s, answer) => reassign(settled(t), p, { lead: s.lead, assisting: s.assisting, reason: typed(t, stripReasonLabel(answer)) }),
  },
  'return.reason': {
    actions: ['return'],
    ask: () => texts.ask.returnReason,
    answer: (t, p, _s, answer) => returnProposal(settled(t), p, typed(t, stripReasonLabel(answer))),
  },
  'designate.who': {
    actions: ['designate'],
    ask: () => texts.ask.designate,
    answer: (t, p, _s, answer) => designate(t, p, answer),
  },
};
