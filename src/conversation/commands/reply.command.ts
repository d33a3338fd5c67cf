/** 答复 (draft), 正文 (the letter's full body), 签发 (leader's sign-off or send-back), 发文 (send with 文号), 协办意见. */
import { OUTCOME_LABELS } from '../../domain/ledger.texts.js';
import type { OutcomeClass, Proposal } from '../../domain/model.js';
import { texts, WORDS } from '../conversation.texts.js';
import { needMore, perform, say, type CommandResult, type Turn } from '../context.js';
import { labelOf } from '../present.js';
import type { ChatCommand } from '../router.js';
import { doneText } from './assign.command.js';

export interface DraftInput {
  outcome?: OutcomeClass;
  summary: string;
  measures: string[];
  docNo?: string;
}

const labelRe = (labels: readonly string[]) => new RegExp(`(?:^|\\s)(?:${labels.join('|')})\\s*:\\s*`, 'u');

/** `B 摘要… 措施:1.… 2.… [文号:…]`; the class may stand anywhere, so a guided answer can be appended. */
export function parseDraft(args: string): DraftInput {
  let s = args;
  let docNo: string | undefined;
  const doc = new RegExp(`(?:^|\\s)(?:${WORDS.docNo.join('|')})\\s*:\\s*(\\S+)`, 'u').exec(s);
  if (doc) {
    docNo = doc[1];
    s = `${s.slice(0, doc.index)} ${s.slice(doc.index + doc[0].length)}`.trim();
  }
  const tokens = s.split(' ');
  const at = tokens.findIndex((x) => /^[ABC]类?$/iu.test(x));
  const outcome = at >= 0 ? (tokens.splice(at, 1)[0]![0]!.toUpperCase() as OutcomeClass) : undefined;
  s = tokens.join(' ');
  const m = labelRe(WORDS.measures).exec(s);
  const summary = (m ? s.slice(0, m.index) : s).trim();
  const list = m ? s.slice(m.index + m[0].length) : '';
  // A separator written after an item (1.办法； 2.资金) is not part of the measure.
  // An item number is not part of a decimal (目标96.01亿元 stays one measure).
  const numbered = list
    .split(/\s*(?<![\d.])\d+\s*[.、)](?!\d)\s*/u)
    .map((x) => x.replace(/[;,、]+$/u, '').trim())
    .filter(Boolean);
  const measures =
    numbered.length > 1 || /^\s*\d+\s*[.、)]/u.test(list)
      ? numbered
      : list
          .split(/[;；]/u)
          .map((x) => x.trim())
          .filter(Boolean);
  return { outcome, summary, measures, docNo };
}

async function draft(t: Turn, args: string, p: Proposal): Promise<CommandResult> {
  if (!args) return needMore(texts.ask.draft);
  const d = parseDraft(args);
  if (!d.outcome) return needMore(texts.ask.outcome);
  if (!d.summary) return needMore(texts.ask.replySummary);
  const next = await perform(t, p, { type: 'draftReply', outcome: d.outcome, summary: d.summary, measures: d.measures, docNo: d.docNo });
  await say(t, texts.draftSaved(labelOf(next), OUTCOME_LABELS[d.outcome], next.measures.length));
}

async function signOff(t: Turn, args: string, p: Proposal): Promise<CommandResult> {
  const [first = '', ...rest] = args.split(' ');
  if ((WORDS.signOffBack as readonly string[]).includes(first)) {
    const note = rest.join(' ').trim();
    if (!note) return needMore(texts.ask.signOffBack);
    await perform(t, p, { type: 'signOff', approve: false, note });
    return say(t, texts.signedBack(labelOf(p)));
  }
  const next = await perform(t, p, { type: 'signOff', approve: true, note: args || undefined });
  await say(t, doneText(t, next, 'signOff'));
}

async function send(t: Turn, args: string, p: Proposal): Promise<CommandResult> {
  const docNo = args.replace(new RegExp(`^(?:${WORDS.docNo.join('|')})\\s*:?\\s*`, 'u'), '').trim();
  if (!docNo && !p.reply?.docNo) return needMore(texts.ask.docNo);
  // Who is told (the member, with a rating card) follows from the audit event: domain/notices.ts.
  await say(t, doneText(t, await perform(t, p, { type: 'sendReply', docNo: docNo || undefined }), 'sendReply'));
}

async function coOpinion(t: Turn, args: string, p: Proposal): Promise<CommandResult> {
  if (!args) return needMore(texts.ask.coOpinion);
  if (p.handlingType === 'co') return say(t, doneText(t, await perform(t, p, { type: 'sendCoOpinion', text: args }), 'sendCoOpinion'));
  // On a lead proposal: an assisting division's opinion, that of the sender's division unless one is named first (帮扶处:…).
  const named = /^(\S+?)\s*:\s*(.+)$/u.exec(args);
  const division = named ? await t.deps.core.directory.findDivision(named[1]!) : null;
  const code = division?.code ?? t.actor.divisionCode ?? '';
  const text = division ? named![2]! : args;
  return say(t, doneText(t, await perform(t, p, { type: 'recordCoOpinion', divisionCode: code, text }), 'recordCoOpinion'));
}

export const replyCommands: ChatCommand[] = [
  { word: '答复', needsProposal: true, run: (t, args, p) => draft(t, args, p!) },
  {
    word: '正文',
    needsProposal: true,
    async run(t, args, p) {
      if (!args) return needMore(texts.ask.replyBody);
      // The line breaks typed are the paragraphs: `perform` stores the text as typed, not as parsed.
      await say(t, doneText(t, await perform(t, p!, { type: 'replyBody', text: args }), 'replyBody'));
    },
  },
  { word: '签发', needsProposal: true, run: (t, args, p) => signOff(t, args, p!) },
  { word: '发文', needsProposal: true, run: (t, args, p) => send(t, args, p!) },
  { word: '协办意见', needsProposal: true, run: (t, args, p) => coOpinion(t, args, p!) },
];
