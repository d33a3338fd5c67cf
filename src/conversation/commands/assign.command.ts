/** 交办, 改派, 接收, 退回, 指定: getting a proposal to a division and a named handler. */
import { texts as ledgerTexts } from '../../domain/ledger.texts.js';
import type { Proposal } from '../../domain/model.js';
import { texts } from '../conversation.texts.js';
import { InputError, needMore, perform, say, type Turn, type CommandResult } from '../context.js';
import { splitList } from '../parse/text.js';
import { labelOf, stageWord } from '../present.js';
import type { ChatCommand } from '../router.js';

/** Confirms a step in the same words for every command: proposal, what was done, where it stands. */
export const doneText = (t: Turn, p: Proposal, type: Parameters<typeof ledgerTexts.actionLabel>[0]): string =>
  texts.done(labelOf(p), ledgerTexts.actionLabel(type), stageWord(p, t.actor));

/**
 * Reads `主办:开发处 协办:帮扶处、社帮处 理由:…`; 主办 may be left out (the first word is then
 * the lead division) and the colon may be a space. What is left over is returned as `rest`.
 */
export function parseAssignment(args: string): { lead?: string; assisting: string[]; rest: string } {
  let s = args.replace(/\s*[,、]\s*/gu, '、');
  let assisting: string[] = [];
  const co = /(?:^|\s)协办\s*:?\s*(\S+)/u.exec(s);
  if (co) {
    assisting = splitList(co[1]!);
    s = `${s.slice(0, co.index)} ${s.slice(co.index + co[0].length)}`.trim();
  }
  const lead = /(?:^|\s)主办\s*:?\s*(\S+)/u.exec(s);
  if (lead) return { lead: lead[1], assisting, rest: `${s.slice(0, lead.index)} ${s.slice(lead.index + lead[0].length)}`.trim() };
  const [first, ...more] = s.split(' ').filter(Boolean);
  return { lead: first, assisting, rest: more.join(' ') };
}

const stripReasonLabel = (s: string) => s.replace(/^(?:理由|原因)\s*:?\s*/u, '').trim();

async function designate(t: Turn, args: string, p: Proposal): Promise<CommandResult> {
  const who = args.replace(/^@/, '').trim();
  if (!who) return needMore(texts.ask.designate);
  const { directory } = t.deps.core;
  const byId = await directory.findPerson(who);
  const people = byId ? [byId] : (await directory.findPeopleByName(who)).filter((x) => x.active);
  if (people.length === 0) throw new InputError(texts.badInput(ledgerTexts.unknownPerson(who), '指定'));
  if (people.length > 1)
    throw new InputError(
      texts.badInput(
        texts.peopleAmbiguous(
          who,
          people.map((x) => x.userid),
        ),
        '指定',
      ),
    );
  const next = await perform(t, p, { type: 'designate', handlerUserid: people[0]!.userid });
  await say(t, `${doneText(t, next, 'designate')}承办人：${people[0]!.name}。`);
}

export const assignCommands: ChatCommand[] = [
  {
    word: '交办',
    needsProposal: true,
    async run(t, args, p) {
      const a = parseAssignment(args);
      if (!a.lead) return needMore(texts.ask.assign);
      const next = await perform(t, p!, { type: 'assign', leadDivision: a.lead, assisting: a.assisting, note: a.rest || undefined });
      await say(t, doneText(t, next, 'assign'));
    },
  },
  {
    word: '改派',
    needsProposal: true,
    async run(t, args, p) {
      const a = parseAssignment(args);
      if (!a.lead) return needMore(texts.ask.reassign);
      const reason = stripReasonLabel(a.rest);
      if (!reason) return needMore(texts.ask.reason);
      const next = await perform(t, p!, { type: 'reassign', leadDivision: a.lead, assisting: a.assisting, reason });
      await say(t, doneText(t, next, 'reassign'));
    },
  },
  {
    word: '接收',
    needsProposal: true,
    async run(t, _args, p) {
      await say(t, doneText(t, await perform(t, p!, { type: 'accept' }), 'accept'));
    },
  },
  {
    word: '退回',
    needsProposal: true,
    async run(t, args, p) {
      const reason = stripReasonLabel(args);
      if (!reason) return needMore(texts.ask.returnReason);
      await say(t, doneText(t, await perform(t, p!, { type: 'return', reason }), 'return'));
    },
  },
  { word: '指定', needsProposal: true, run: (t, args, p) => designate(t, args, p!) },
];
