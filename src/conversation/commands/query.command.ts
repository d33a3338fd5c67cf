/** 查, 我的, 逾期: reading the ledger, each answer limited to what the sender may see. */
import type { Actor, Proposal } from '../../domain/model.js';
import { staffTodo } from '../../domain/todo.js';
import { availableCommands } from '../../domain/workflow.js';
import { proposalCard, unconfirmedContact } from '../cards.js';
import { texts } from '../conversation.texts.js';
import { isMemberOnly, say, type Turn } from '../context.js';
import { memberTexts } from '../member.texts.js';
import { dueText, labelOf, stageWord } from '../present.js';
import type { ChatCommand } from '../router.js';

/** Longest list a reply shows; the rest is counted. */
const MAX_LINES = 10;

const OPEN_STAGES = ['registered', 'assigned', 'researching', 'communicating', 'reviewing', 'signing', 'replying', 'supervising', 'opinionSent', 'feedback'] as const;

function memberTodo(p: Proposal, a: Actor): string {
  const can = availableCommands(p, a);
  if (can.includes('feedback') && p.handlingType === 'lead' && !p.feedback.some((f) => f.round === p.round)) return memberTexts.mine.rate;
  if (unconfirmedContact(p) && can.includes('confirmContact')) return memberTexts.mine.confirm;
  return '';
}

/** Most urgent first: earliest next deadline, then those without one. */
const byUrgency = (a: Proposal, b: Proposal) => (a.nextDueAt?.getTime() ?? Infinity) - (b.nextDueAt?.getTime() ?? Infinity);

function withMore(header: string, lines: string[]): string {
  const shown = lines.slice(0, MAX_LINES);
  return [header, ...shown, ...(lines.length > MAX_LINES ? [texts.mine.more(lines.length - MAX_LINES)] : [])].join('\n');
}

async function mine(t: Turn): Promise<void> {
  const open = await t.deps.core.ledger.list({ stages: [...OPEN_STAGES] }, t.actor);
  if (isMemberOnly(t.actor)) {
    const m = memberTexts.mine;
    if (open.length === 0) return say(t, m.none);
    // What the member is asked to do comes first.
    const rows = open.map((p) => ({ p, todo: memberTodo(p, t.actor) })).sort((a, b) => Number(!a.todo) - Number(!b.todo));
    const lines = rows.map(({ p, todo }, i) => m.line(i + 1, labelOf(p), stageWord(p, t.actor), todo));
    return say(t, withMore(m.header(open.length), lines));
  }
  const tasks = open
    .map((p) => ({ p, todo: staffTodo(p, t.actor) }))
    .filter((x): x is { p: Proposal; todo: NonNullable<typeof x.todo> } => x.todo !== undefined)
    .sort((a, b) => byUrgency(a.p, b.p));
  if (tasks.length === 0) return say(t, texts.mine.none);
  const lines = tasks.map(({ p, todo }, i) => texts.mine.line(i + 1, labelOf(p), stageWord(p, t.actor), texts.mine.todo[todo], dueText(t, p)));
  return say(t, withMore(texts.mine.header(tasks.length), lines));
}

async function overdue(t: Turn): Promise<void> {
  const now = t.deps.core.clock.now();
  const late = (await t.deps.core.ledger.list({ dueBefore: now, stages: [...OPEN_STAGES] }, t.actor)).sort(byUrgency);
  if (late.length === 0) return say(t, texts.overdue.none);
  const lines = late.map((p, i) => `${i + 1}. ${labelOf(p)} · ${stageWord(p, t.actor)} · ${dueText(t, p)}`);
  return say(t, withMore(texts.overdue.header(late.length), lines));
}

export const queryCommands: ChatCommand[] = [
  {
    word: '查',
    needsProposal: true,
    forMembers: true,
    async run(t, _args, p) {
      await t.reply({ type: 'card', card: await proposalCard(t, p!) });
    },
  },
  { word: '我的', needsProposal: false, forMembers: true, run: mine },
  { word: '逾期', needsProposal: false, run: overdue },
];
