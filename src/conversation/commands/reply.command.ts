/** 答复 (draft), 正文 (the letter's full body), 签发 (leader's sign-off or send-back), 发文 (send with 文号), 协办意见. */
import { OUTCOME_LABELS } from '../../present/ledger.texts.js';
import type { OutcomeClass, Proposal } from '../../domain/model.js';
import { texts, WORDS } from '../conversation.texts.js';
import { needMore, perform, say, settled, typed, type CommandResult, type Turn } from '../context.js';
import { labelOf } from '../present.js';
import type { ChatCommand } from '../router.js';
import { joinText, type StepDefs } from '../steps.js';
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

/** The draft as kept in a step: its free text as typed. */
const asTypedDraft = (t: Turn, d: DraftInput): DraftInput => ({
  ...d,
  summary: typed(t, d.summary),
  measures: d.measures.map((m) => typed(t, m)),
  ...(d.docNo !== undefined && { docNo: typed(t, d.docNo) }),
});

async function draft(t: Turn, p: Proposal, d: DraftInput): Promise<CommandResult> {
  if (!d.outcome && !d.summary && d.measures.length === 0 && !d.docNo) return needMore({ step: 'draft.all', draft: d });
  if (!d.outcome) return needMore({ step: 'draft.outcome', draft: asTypedDraft(t, d) });
  if (!d.summary) return needMore({ step: 'draft.summary', draft: asTypedDraft(t, d) });
  const next = await perform(t, p, { type: 'draftReply', outcome: d.outcome, summary: d.summary, measures: d.measures, docNo: d.docNo });
  await say(t, texts.draftSaved(labelOf(next), OUTCOME_LABELS[d.outcome], next.measures.length));
}

/** What an answer adds to a draft: the class and 文号 when not given yet, more summary, more measures. */
function addTo(t: Turn, d: DraftInput, answer: string): DraftInput {
  const a = asTypedDraft(t, parseDraft(answer));
  return {
    outcome: d.outcome ?? a.outcome,
    summary: joinText(d.summary, a.summary),
    measures: [...d.measures, ...a.measures],
    docNo: d.docNo ?? a.docNo,
  };
}

async function signOffBack(t: Turn, p: Proposal, note: string): Promise<CommandResult> {
  if (!note) return needMore({ step: 'signOffBack.note' });
  await perform(t, p, { type: 'signOff', approve: false, note });
  await say(t, texts.signedBack(labelOf(p)));
}

async function signOff(t: Turn, args: string, p: Proposal): Promise<CommandResult> {
  const [first = '', ...rest] = args.split(' ');
  if ((WORDS.signOffBack as readonly string[]).includes(first)) return signOffBack(t, p, rest.join(' ').trim());
  const next = await perform(t, p, { type: 'signOff', approve: true, note: args || undefined });
  await say(t, doneText(t, next, 'signOff'));
}

const stripDocNoLabel = (s: string) => s.replace(new RegExp(`^(?:${WORDS.docNo.join('|')})\\s*:?\\s*`, 'u'), '').trim();

async function send(t: Turn, p: Proposal, docNo: string): Promise<CommandResult> {
  if (!docNo && !p.reply?.docNo) return needMore({ step: 'send.docNo' });
  // Who is told (the member, with a rating card) follows from the audit event: domain/notices.ts.
  await say(t, doneText(t, await perform(t, p, { type: 'sendReply', docNo: docNo || undefined }), 'sendReply'));
}

async function coOpinion(t: Turn, p: Proposal, args: string): Promise<CommandResult> {
  if (!args) return needMore({ step: 'coOpinion.text' });
  if (p.handlingType === 'co') return say(t, doneText(t, await perform(t, p, { type: 'sendCoOpinion', text: args }), 'sendCoOpinion'));
  // On a lead proposal: an assisting division's opinion, that of the sender's division unless one is named first (帮扶处:…).
  const named = /^(\S+?)\s*:\s*(.+)$/u.exec(args);
  const division = named ? await t.deps.core.directory.findDivision(named[1]!) : null;
  const code = division?.code ?? t.actor.divisionCode ?? '';
  const text = division ? named![2]! : args;
  return say(t, doneText(t, await perform(t, p, { type: 'recordCoOpinion', divisionCode: code, text }), 'recordCoOpinion'));
}

async function replyBody(t: Turn, p: Proposal, text: string): Promise<CommandResult> {
  if (!text) return needMore({ step: 'replyBody.text' });
  // The line breaks typed are the paragraphs: `perform` stores the text as typed, not as parsed.
  await say(t, doneText(t, await perform(t, p, { type: 'replyBody', text }), 'replyBody'));
}

export const replyCommands: ChatCommand[] = [
  { id: 'draftReply', needsProposal: true, run: (t, args, p) => draft(t, p!, parseDraft(args)) },
  { id: 'replyBody', needsProposal: true, run: (t, args, p) => replyBody(t, p!, args) },
  { id: 'signOff', needsProposal: true, run: (t, args, p) => signOff(t, args, p!) },
  { id: 'sendReply', needsProposal: true, run: (t, args, p) => send(t, p!, stripDocNoLabel(args)) },
  { id: 'coOpinion', needsProposal: true, run: (t, args, p) => coOpinion(t, p!, args) },
];

const continueDraft = (t: Turn, p: Proposal, s: { draft: DraftInput }, answer: string) => draft(settled(t), p, addTo(t, s.draft, answer));

export const replySteps: StepDefs<'draft.all' | 'draft.outcome' | 'draft.summary' | 'replyBody.text' | 'signOffBack.note' | 'send.docNo' | 'coOpinion.text'> = {
  'draft.all': { actions: ['draftReply'], ask: () => texts.ask.draft, answer: continueDraft },
  'draft.outcome': { actions: ['draftReply'], ask: () => texts.ask.outcome, answer: continueDraft },
  'draft.summary': { actions: ['draftReply'], ask: () => texts.ask.replySummary, answer: continueDraft },
  'replyBody.text': {
    actions: ['draftReply'],
    ask: () => texts.ask.replyBody,
    answer: (t, p, _s, answer) => replyBody(settled(t), p, typed(t, answer)),
  },
  'signOffBack.note': {
    actions: ['signOff'],
    ask: () => texts.ask.signOffBack,
    answer: (t, p, _s, answer) => signOffBack(settled(t), p, typed(t, answer)),
  },
  'send.docNo': {
    actions: ['sendReply'],
    ask: () => texts.ask.docNo,
    answer: (t, p, _s, answer) => send(settled(t), p, typed(t, stripDocNoLabel(answer))),
  },
  'coOpinion.text': {
    actions: ['sendCoOpinion', 'recordCoOpinion'],
    ask: () => texts.ask.coOpinion,
    answer: (t, p, _s, answer) => coOpinion(t, p, answer),
  },
};
