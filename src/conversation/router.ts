/**
 * From text to command: finds the command word (or a short form) at the start, reads the
 * proposal reference when the command needs one, resolves it within what the sender may see
 * (several matches become a pick list), and runs the command. A command lacking a part asks
 * for it as a guided step; the answer reruns the command with the part added.
 */
import { isDomainError } from '../domain/errors.js';
import type { Proposal } from '../domain/model.js';
import { COMMAND_WORDS, texts, type CommandWord } from './conversation.texts.js';
import { isMemberOnly, NeedMore, say, type Turn } from './context.js';
import { memberTexts } from './member.texts.js';
import { bareNumber, firstToken, readNumberRef } from './parse/text.js';
import { labelOf, stageWord } from './present.js';

export interface ChatCommand {
  word: CommandWord;
  /** The first argument is a proposal (number or keyword). */
  needsProposal: boolean;
  /** Members may use it (they see only their own proposals anyway). */
  forMembers?: boolean;
  run(t: Turn, args: string, p?: Proposal): Promise<void>;
}

/** Most candidates a pick list shows; more asks for a narrower keyword. */
const MAX_PICK = 9;

/** Every alias with its command word, longest first so 批准延期 wins over 延期. */
function aliasTable(): [string, CommandWord][] {
  return (Object.entries(COMMAND_WORDS) as [CommandWord, readonly string[]][])
    .flatMap(([word, aliases]) => aliases.map((a) => [a.toLowerCase(), word] as [string, CommandWord]))
    .sort((a, b) => b[0].length - a[0].length);
}

export interface Router {
  dispatch(t: Turn, text: string): Promise<void>;
  /** Runs `word` on a proposal already chosen (after a pick or a guided step); a missing part starts a guided step. */
  runOn(t: Turn, word: string, p: Proposal, args: string): Promise<void>;
  /** Runs `word` on `p` and lets every refusal through (card clicks handle conflicts themselves). */
  execute(t: Turn, word: string, p: Proposal, args: string): Promise<void>;
  /** Whether `text` starts a new command rather than answering a pending question. */
  startsCommand(text: string): boolean;
  match(text: string): { word: CommandWord; rest: string } | undefined;
}

export function createRouter(commands: ChatCommand[]): Router {
  const byWord = new Map(commands.map((c) => [c.word, c] as const));
  const aliases = aliasTable();

  function matchAlias(text: string): { word: CommandWord; alias: string } | undefined {
    const lower = text.toLowerCase();
    for (const [alias, word] of aliases) if (lower.startsWith(alias)) return { word, alias };
    return undefined;
  }

  function match(text: string): { word: CommandWord; rest: string } | undefined {
    const m = matchAlias(text);
    return m && { word: m.word, rest: text.slice(m.alias.length).replace(/^[\s:,]+/, '').trim() };
  }

  async function execute(t: Turn, word: string, p: Proposal, args: string): Promise<void> {
    const cmd = byWord.get(word as CommandWord);
    if (!cmd) throw new Error(`no chat command ${word}`);
    await cmd.run(t, args, p);
  }

  async function runOn(t: Turn, word: string, p: Proposal, args: string): Promise<void> {
    try {
      await execute(t, word, p, args);
    } catch (err) {
      if (err instanceof NeedMore) {
        await t.deps.dialogs.setPending(t.dialogKey, t.person.userid, { type: 'complete', verb: word, proposalId: p.id, args });
        return say(t, `${err.prompt}${texts.cancelHint}`);
      }
      // In a group several people talk about several proposals: name the one refused.
      if (isDomainError(err) && t.message.chatType === 'group') return say(t, texts.inGroup(labelOf(p), err.message));
      throw err;
    }
  }

  /** Finds the proposal `ref` names among those the sender may see. Undefined when answered already. */
  async function resolve(t: Turn, ref: { number?: string; keyword?: string; shown: string }, word: CommandWord, args: string) {
    const { ledger } = t.deps.core;
    const found = ref.number
      ? (await ledger.list({ text: ref.number }, t.actor)).filter((p) => bareNumber(p.number) === bareNumber(ref.number!))
      : await ledger.list({ text: ref.keyword }, t.actor, { sort: 'number' });
    // The view found it; the command works on the whole document.
    if (found.length === 1) return ledger.get(found[0]!.id, t.actor);
    if (found.length === 0) await say(t, texts.notFoundRef(ref.shown));
    else if (found.length > MAX_PICK) await say(t, texts.tooMany(found.length));
    else {
      await t.deps.dialogs.setPending(t.dialogKey, t.person.userid, { type: 'pick', verb: word, args, candidates: found.map((p) => p.id) });
      const lines = found.map((p, i) => `${i + 1}. ${labelOf(p)}（${p.session} · ${stageWord(p, t.actor)}）`);
      await say(t, `${texts.pickList(found.length, lines)}${texts.cancelHint}`);
    }
    return undefined;
  }

  async function dispatch(t: Turn, text: string): Promise<void> {
    const m = match(text);
    if (!m) return say(t, texts.unknownCommand(text));
    const cmd = byWord.get(m.word);
    if (!cmd) return say(t, texts.unknownCommand(text));
    if (isMemberOnly(t.actor) && !cmd.forMembers) return say(t, memberTexts.staffOnly);
    if (!cmd.needsProposal) return cmd.run(t, m.rest);
    const num = readNumberRef(m.rest);
    // 查 takes the whole rest as a keyword; the others one word, the rest being their arguments.
    const [keyword, afterKeyword] = m.word === '查' ? [m.rest, ''] : firstToken(m.rest);
    if (!num && !keyword) return say(t, texts.badInput(texts.missingRef, m.word));
    const args = num ? num.rest : afterKeyword;
    const p = await resolve(t, num ? { number: num.number, shown: num.number } : { keyword, shown: keyword }, m.word, args);
    if (p) await runOn(t, m.word, p, args);
  }

  /** A command word alone, or followed by a space or a proposal number, starts a new command. */
  function startsCommand(text: string): boolean {
    const m = matchAlias(text);
    return m !== undefined && (text.length === m.alias.length || /^[\s\d#第]/u.test(text.slice(m.alias.length)));
  }

  return { dispatch, runOn, execute, startsCommand, match };
}
