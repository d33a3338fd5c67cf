/** 查, 我的, 逾期: reading the ledger, each answer limited to what the sender may see. */
import { scopeOfKinds } from '../../domain/kind.js';
import type { LedgerEntry } from '../../domain/ledger-view.js';
import { STAGES, type Actor } from '../../domain/model.js';
import { staffTodo, type Todo } from '../../domain/todo.js';
import { availableCommands } from '../../domain/workflow.js';
import { proposalCard } from '../cards.js';
import { commandWord, texts, WORDS, type CommandId } from '../conversation.texts.js';
import { isMemberOnly, ownKinds, say, type Turn } from '../context.js';
import { InputError } from '../../shared/input-error.js';
import type { ListPage } from '../dialog.store.js';
import { memberTexts } from '../member.texts.js';
import { dueText, labelOf, stageWord } from '../present.js';
import type { ChatCommand } from '../router.js';

/** The rating a likely 反馈 is shown with, as an example. */
const EXAMPLE_RATING: keyof typeof WORDS.rating = '满意';

/** Lines one page of a list shows; 更多 or `我的 2` shows the next. */
const PAGE_LINES = 10;

/** Every stage a proposal is still being handled in. */
const OPEN_STAGES = STAGES.filter((s) => s !== 'archived');

/** What a member is asked to do about a proposal: rate its reply, or confirm a face-to-face contact. */
type MemberTodo = 'rate' | 'confirm';

function memberTodo(p: LedgerEntry, a: Actor): MemberTodo | undefined {
  const can = availableCommands(p, a);
  if (can.includes('feedback') && p.handlingType === 'lead' && !p.ratedThisRound) return 'rate';
  if (p.awaitsConfirmation && can.includes('confirmContact')) return 'confirm';
  return undefined;
}

/** Most urgent first: earliest next deadline, then those without one. */
const byUrgency = (a: LedgerEntry, b: LedgerEntry) => (a.nextDueAt?.getTime() ?? Infinity) - (b.nextDueAt?.getTime() ?? Infinity);

/** The command that shows each list (and its next page, with a number). */
const LIST_COMMANDS: Record<ListPage['list'], CommandId> = { mine: 'mine', overdue: 'overdue' };

/** The page asked for: none is the first, `2`, `第2页`, `2页` the second. */
function pageOf(args: string, list: ListPage['list']): number {
  if (!args) return 1;
  const m = /^第?\s*(\d+)\s*页?$/u.exec(args);
  const n = m ? Number(m[1]) : 0;
  if (n < 1) throw new InputError(texts.badInput(texts.mine.badPage, LIST_COMMANDS[list]));
  return n;
}

/** One page of a numbered list, remembered so that 更多 shows the next. */
async function sayPage(t: Turn, list: ListPage['list'], header: string, lines: string[], page: number): Promise<void> {
  const pages = Math.max(1, Math.ceil(lines.length / PAGE_LINES));
  if (page > pages) return say(t, page === pages + 1 && page > 1 ? texts.mine.lastPage : texts.mine.beyond(commandWord(LIST_COMMANDS[list]), pages));
  await t.deps.dialogs.rememberPage(t.dialogKey, t.person.userid, { list, page });
  const rest = lines.length - page * PAGE_LINES;
  const shown = lines.slice((page - 1) * PAGE_LINES, page * PAGE_LINES);
  return say(
    t,
    [texts.mine.page(header, page, pages), ...shown, ...(rest > 0 ? [texts.mine.more(rest, commandWord(LIST_COMMANDS[list]), page + 1)] : [])].join('\n'),
  );
}

/** The command that does each task, and what it still needs written after the number. */
const TASK_COMMANDS: Record<Todo, [CommandId, string]> = {
  assign: ['assign', '主办:<处室>'],
  accept: ['accept', ''],
  designate: ['designate', '<姓名>'],
  handle: ['query', ''],
  coOpinion: ['coOpinion', '<意见>'],
  signOff: ['signOff', ''],
  send: ['sendReply', '<发文号>'],
  supervise: ['supervise', '<落实情况>'],
  archive: ['archive', ''],
  extension: ['approveExtension', ''],
};

/** Most likely commands offered when a message is not understood. */
const MAX_LIKELY = 3;

/** The commands this person most likely needs now: those doing their most urgent tasks. */
export async function likelyNext(t: Turn): Promise<string[]> {
  const open = await t.deps.core.ledger.list({ stages: [...OPEN_STAGES] }, t.actor);
  const line = (p: LedgerEntry, command: CommandId, extra: string, todo: string) =>
    texts.likely(`${commandWord(command)} ${p.number}${extra ? ` ${extra}` : ''}`, labelOf(p), todo);
  if (isMemberOnly(t.actor)) {
    return open
      .map((p) => ({ p, todo: memberTodo(p, t.actor) }))
      .filter((x) => x.todo)
      .slice(0, MAX_LIKELY)
      .map(({ p, todo }) =>
        todo === 'rate' ? line(p, 'rate', EXAMPLE_RATING, memberTexts.mine.rate) : line(p, 'confirmContact', '', memberTexts.mine.confirm),
      );
  }
  return open
    .map((p) => ({ p, todo: staffTodo(p, t.actor) }))
    .filter((x): x is { p: LedgerEntry; todo: Todo } => x.todo !== undefined)
    .sort((a, b) => byUrgency(a.p, b.p))
    .slice(0, MAX_LIKELY)
    .map(({ p, todo }) => line(p, TASK_COMMANDS[todo][0], TASK_COMMANDS[todo][1], texts.mine.todo[todo]));
}

/** The member's proposals whose reply waits for their rating. */
export async function awaitingRating(t: Turn): Promise<LedgerEntry[]> {
  const open = await t.deps.core.ledger.list({ stages: ['supervising', 'feedback'] }, t.actor);
  return open.filter((p) => memberTodo(p, t.actor) === 'rate');
}

async function mine(t: Turn, args: string): Promise<void> {
  const page = pageOf(args, 'mine');
  const open = await t.deps.core.ledger.list({ stages: [...OPEN_STAGES] }, t.actor);
  if (isMemberOnly(t.actor)) {
    const m = memberTexts.mine;
    if (open.length === 0) return say(t, m.none(await ownKinds(t)));
    // What the member is asked to do comes first.
    const rows = open.map((p) => ({ p, todo: memberTodo(p, t.actor) })).sort((a, b) => Number(!a.todo) - Number(!b.todo));
    const lines = rows.map(({ p, todo }, i) => m.line(i + 1, labelOf(p), stageWord(p, t.actor), todo ? m[todo] : ''));
    return sayPage(t, 'mine', m.header(scopeOfKinds(open.map((p) => p.kind)), open.length), lines, page);
  }
  const tasks = open
    .map((p) => ({ p, todo: staffTodo(p, t.actor) }))
    .filter((x): x is { p: LedgerEntry; todo: NonNullable<typeof x.todo> } => x.todo !== undefined)
    .sort((a, b) => byUrgency(a.p, b.p));
  if (tasks.length === 0) return say(t, texts.mine.none);
  const lines = tasks.map(({ p, todo }, i) => texts.mine.line(i + 1, labelOf(p), stageWord(p, t.actor), texts.mine.todo[todo], dueText(t, p)));
  return sayPage(t, 'mine', texts.mine.header(tasks.length), lines, page);
}

async function overdue(t: Turn, args: string): Promise<void> {
  const page = pageOf(args, 'overdue');
  const now = t.deps.core.clock.now();
  const late = (await t.deps.core.ledger.list({ dueBefore: now, stages: [...OPEN_STAGES] }, t.actor)).sort(byUrgency);
  if (late.length === 0) return say(t, texts.overdue.none);
  const lines = late.map((p, i) => `${i + 1}. ${labelOf(p)} · ${stageWord(p, t.actor)} · ${dueText(t, p)}`);
  return sayPage(t, 'overdue', texts.overdue.header(late.length), lines, page);
}

export const queryCommands: ChatCommand[] = [
  {
    id: 'query',
    needsProposal: true,
    readOnly: true,
    wholeKeyword: true,
    async run(t, _args, p) {
      await t.reply({ type: 'card', card: await proposalCard(t, p!, t.actor) });
    },
  },
  { id: 'mine', needsProposal: false, run: mine },
  { id: 'overdue', needsProposal: false, run: overdue },
  {
    id: 'more',
    needsProposal: false,
    async run(t) {
      const last = await t.deps.dialogs.lastPage(t.dialogKey);
      if (!last) return say(t, texts.mine.noList);
      return { mine, overdue }[last.list](t, String(last.page + 1));
    },
  },
];
