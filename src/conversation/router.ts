/**
 * From text to command. The parse layer says what the person wants (parse/intent.ts); the
 * router reads the proposal reference when the command needs one, resolves it within what the
 * sender may see (several matches become a pick list) and runs the command. A command lacking a
 * part returns the guided step that asks for it (steps.ts), which is stored and asked here. A
 * command read from plain words that would change the ledger is shown back and acts on 确认.
 */
import { isDomainError, type DomainError } from '../domain/errors.js';
import type { CaseKind } from '../domain/kind.js';
import { refusalOf } from '../domain/workflow.js';
import { roleLabels } from '../present/ledger.texts.js';
import { refusalText } from '../present/refusals.js';
import { texts as refusalTexts } from '../present/refusals.texts.js';
import type { LedgerEntry } from '../domain/ledger-view.js';
import type { Proposal } from '../domain/model.js';
import { answerCard } from './cards.js';
import { likelyNext, awaitingRating } from './commands/query.command.js';
import { rateReply } from './commands/feedback.command.js';
import { changesLedger, commandRoles, mayUse } from './command-roles.js';
import { commandWord, texts, WORDS, type CommandId } from './conversation.texts.js';
import { isMemberOnly, ownKinds, say, typed, withText, type CommandResult, type Turn } from './context.js';
import type { ParsedCommand } from './dialog.store.js';
import { memberTexts } from './member.texts.js';
import { exactCommand, readRating, understand } from './parse/intent.js';
import { firstToken, readNumberRef } from './parse/text.js';
import { labelOf, stageWord } from './present.js';
import { stepDef, type Step, type StepTable } from './steps.js';

export interface ChatCommand {
  id: CommandId;
  /** The first argument is a proposal (number or keyword). */
  needsProposal: boolean;
  /** It only reads: run at once even when read from plain words. */
  readOnly?: boolean;
  /** A proposal named by keyword takes the whole rest of the message (no arguments follow it). */
  wholeKeyword?: boolean;
  /** Fills in what the proposal itself tells (the phase of a contact from its stage), before it is shown for 确认. */
  complete?(p: Proposal, args: string): string;
  run(t: Turn, args: string, p?: Proposal): Promise<CommandResult>;
}

/** What a command names its proposal by: a number (with its kind when written), or a keyword. */
type NumberOrKeyword = { number?: string; kind?: CaseKind; keyword?: string; shown: string };

/** Most candidates a pick list shows; more asks for a narrower keyword. */
const MAX_PICK = 9;

/** Run now, or show what was understood and wait for 确认. */
export type RunMode = 'run' | 'confirm';

export interface Router {
  dispatch(t: Turn, text: string): Promise<void>;
  /** Runs a command kept while it waited (a pick, 确认) on the proposal now chosen; a missing part starts a guided step. */
  resume(t: Turn, command: ParsedCommand, p: Proposal, mode?: RunMode): Promise<void>;
  /** Waits in `step` on `p` and asks its question, after `lead` (unless the step's action would be refused). */
  ask(t: Turn, p: Proposal, step: Step, lead?: string): Promise<void>;
  /** Reads the answer to `step` and carries on. */
  answer(t: Turn, p: Proposal, step: Step, text: string): Promise<void>;
  /** Whether `text` starts a new command rather than answering a pending question. */
  startsCommand(text: string): boolean;
}

const RATING_WORD = Object.fromEntries(Object.entries(WORDS.rating).map(([w, r]) => [r, w])) as Record<string, string>;

export function createRouter(commands: ChatCommand[], steps: StepTable): Router {
  const byId = new Map(commands.map((c) => [c.id, c] as const));
  const commandOf = (id: CommandId): ChatCommand => {
    const cmd = byId.get(id);
    if (!cmd) throw new Error(`no chat command ${id}`);
    return cmd;
  };

  const execute = (t: Turn, c: ParsedCommand, p: Proposal): Promise<CommandResult> => ('rating' in c ? rateReply(t, p, c) : commandOf(c.id).run(t, c.args, p));

  /** The command with its free text as the person typed it, to be kept. */
  const asTyped = (t: Turn, c: ParsedCommand): ParsedCommand => ('rating' in c ? { ...c, comment: typed(t, c.comment) } : { id: c.id, args: typed(t, c.args) });

  /** Shows what was understood as a card; 确认 (a reply or the button) runs it. */
  async function askConfirm(t: Turn, c: ParsedCommand, p: Proposal): Promise<void> {
    const full = asTyped(t, 'rating' in c ? c : { id: c.id, args: commandOf(c.id).complete?.(p, c.args) ?? c.args });
    const shown = 'rating' in full ? [RATING_WORD[full.rating], full.comment].filter(Boolean).join(' ') : full.args;
    await t.deps.dialogs.setPending(t.dialogKey, t.person.userid, { type: 'confirm', action: { kind: 'command', command: full, proposalId: p.id } });
    await t.reply({ type: 'card', card: answerCard(p, texts.understood.title, texts.understood.description(labelOf(p), commandWord(c.id), shown)) });
  }

  async function ask(t: Turn, p: Proposal, step: Step, lead = ''): Promise<void> {
    const def = stepDef(steps, step);
    // Asking for a reason only to refuse it afterwards wastes the person's words: refuse now.
    const refused = refusalOf(p, def.actions, t.actor);
    if (refused) return sayRefusal(t, p, refused);
    await t.deps.dialogs.setPending(t.dialogKey, t.person.userid, { type: 'step', proposalId: p.id, step });
    return say(t, `${lead}${def.ask(p, step)}${texts.cancelHint}`);
  }

  /** Runs a command on `p`: done, refused, or waiting in its next step. */
  async function settle(t: Turn, p: Proposal, run: () => Promise<CommandResult>): Promise<void> {
    let result: CommandResult;
    try {
      result = await run();
    } catch (err) {
      if (isDomainError(err)) return sayRefusal(t, p, err);
      throw err;
    }
    if (result) return ask(t, p, result.needMore);
  }

  async function runOn(t: Turn, c: ParsedCommand, p: Proposal, mode: RunMode): Promise<void> {
    if (mode === 'confirm') return askConfirm(t, c, p);
    return settle(t, p, () => execute(t, c, p));
  }

  /** A kept command reads its own typed text, so what it stores keeps the person's punctuation. */
  function resume(t: Turn, c: ParsedCommand, p: Proposal, mode: RunMode = 'run'): Promise<void> {
    const turn = withText(t, 'rating' in c ? c.comment : c.args);
    return runOn(turn, 'rating' in c ? { ...c, comment: turn.text! } : { id: c.id, args: turn.text! }, p, mode);
  }

  const answer = (t: Turn, p: Proposal, step: Step, text: string): Promise<void> => settle(t, p, () => stepDef(steps, step).answer(t, p, step, text));

  /** In a group several people talk about several proposals: name the one refused. */
  const sayRefusal = async (t: Turn, p: Proposal, err: DomainError): Promise<void> => {
    if (t.message.chatType === 'group') return say(t, texts.inGroup(labelOf(p), refusalText(err.refusal)));
    throw err;
  };

  /** Finds the proposal `ref` names among those the sender may see. Undefined when answered already. */
  async function resolve(t: Turn, ref: NumberOrKeyword, c: ParsedCommand, mode: RunMode) {
    const { ledger } = t.deps.core;
    const found = ref.number
      ? (await ledger.byNumber(ref.number, t.actor)).filter((e) => !ref.kind || e.kind === ref.kind)
      : await ledger.list({ text: ref.keyword }, t.actor, { sort: 'number' });
    // The view found it; the command works on the whole document.
    if (found.length === 1) return ledger.get(found[0]!.id, t.actor);
    if (found.length === 0) await say(t, await notFound(t, ref));
    else if (found.length > MAX_PICK) await say(t, texts.tooMany(found.length));
    // 0012 as a 提案 and as a 建议: ask which, naming both, rather than a bare pick list.
    else if (ref.number && new Set(found.map((e) => e.kind)).size > 1)
      await pick(t, found, c, mode, texts.whichKind(commandWord(c.id), ref.shown, found.length));
    else await pick(t, found, c, mode);
    return undefined;
  }

  /** Why nothing was found: not there at all, or there but not the sender's to see (staff are told why). */
  async function notFound(t: Turn, ref: NumberOrKeyword): Promise<string> {
    const member = isMemberOnly(t.actor);
    if (!ref.number) return member ? memberTexts.notFoundKeyword(ref.shown, await ownKinds(t)) : texts.notFoundKeyword(ref.shown);
    const hidden = (await t.deps.core.ledger.whyHidden(ref.number, t.actor)).filter((x) => !ref.kind || x.entry.kind === ref.kind);
    if (hidden.length === 1) return texts.hiddenRef(hidden[0]!.entry.number, refusalText(hidden[0]!.refusal));
    if (hidden.length > 1) return texts.hiddenRef(ref.shown, refusalTexts.notInScope);
    return member ? memberTexts.notFoundRef(ref.shown, await ownKinds(t)) : texts.notFoundRef(ref.shown);
  }

  /** Asks which of `found` is meant (`header`: the question; a plain pick list by default); the answer is its line's number. */
  async function pick(t: Turn, found: LedgerEntry[], c: ParsedCommand, mode: RunMode, header?: string): Promise<void> {
    const candidates = found.map((p) => p.id);
    await t.deps.dialogs.setPending(t.dialogKey, t.person.userid, { type: 'pick', command: asTyped(t, c), candidates, confirm: mode === 'confirm' });
    const lines = found.map((p, i) => texts.pickLine(i + 1, labelOf(p), p.session, stageWord(p, t.actor), header ? p.kind : undefined));
    await say(t, `${header ? [header, ...lines].join('\n') : texts.pickList(found.length, lines)}${texts.cancelHint}`);
  }

  async function runCommand(t: Turn, id: CommandId, rest: string, exact: boolean): Promise<void> {
    const cmd = byId.get(id);
    const word = commandWord(id);
    if (!cmd) return say(t, texts.unknownCommand(rest));
    // Who may use the command is said before looking the proposal up: "not your role", not "not found".
    if (!mayUse(t.actor, id)) {
      // No case is named yet: the member role is named for the kinds the sender sees.
      const labels = roleLabels(await ownKinds(t));
      const who = (commandRoles(id) ?? []).map((r) => labels[r]);
      if (isMemberOnly(t.actor)) return say(t, memberTexts.notForMember(word, who, await ownKinds(t)));
      return say(t, changesLedger(id) ? refusalTexts.forbidden(who) : texts.viewNotForRole(word, who));
    }
    if (!cmd.needsProposal) {
      // Guided steps are about a proposal: a command without one asks its questions itself (登记).
      if (await cmd.run(t, rest)) throw new Error(`${word} asked for a step without a proposal`);
      return;
    }
    const mode: RunMode = exact || cmd.readOnly ? 'run' : 'confirm';
    const num = readNumberRef(rest);
    // A keyword is one word, the rest being arguments, unless the command takes no arguments (查).
    const [keyword, afterKeyword] = cmd.wholeKeyword ? [rest, ''] : firstToken(rest);
    // A change read from plain words names its proposal by number: a keyword there is too loose.
    if (!num && (!keyword || mode === 'confirm')) return say(t, texts.badInput(texts.missingRef, id));
    const c: ParsedCommand = { id, args: num ? num.rest : afterKeyword };
    const p = await resolve(t, num ? { number: num.number, kind: num.kind, shown: num.number } : { keyword, shown: keyword }, c, mode);
    if (p) await runOn(t, c, p, mode);
  }

  /** A member's own words about a reply: the rating, shown back for 确认. */
  async function rate(t: Turn, text: string, waiting: LedgerEntry[]): Promise<void> {
    const c: ParsedCommand = { id: 'rate', ...readRating(text)! };
    if (waiting.length === 1) return askConfirm(t, c, await t.deps.core.ledger.get(waiting[0]!.id, t.actor));
    return pick(t, waiting, c, 'confirm');
  }

  async function dispatch(t: Turn, text: string): Promise<void> {
    const waiting = isMemberOnly(t.actor) && !exactCommand(text) && readRating(text) ? await awaitingRating(t) : [];
    const intent = understand(text, { rating: waiting.length > 0 });
    switch (intent.kind) {
      case 'command':
        return runCommand(t, intent.command, intent.rest, intent.exact);
      case 'rating':
        return rate(t, text, waiting);
      case 'suggest': {
        const suggestion = typed(t, intent.text);
        await t.deps.dialogs.setPending(t.dialogKey, t.person.userid, { type: 'confirm', action: { kind: 'text', text: suggestion } });
        return t.reply({
          type: 'card',
          card: answerCard(undefined, texts.suggest.title(suggestion), texts.suggest.description(intent.typo, commandWord(intent.command))),
        });
      }
      case 'smallTalk':
        return say(t, intent.topic === 'hello' ? texts.welcome(t.person.name) : texts.smallTalk[intent.topic]);
      case 'unknown':
        return say(t, texts.unknownCommand(text, await likelyNext(t)));
    }
  }

  /** A command word alone, or followed by a space or a proposal number, starts a new command. */
  const startsCommand = (text: string): boolean => exactCommand(text) !== undefined;

  return { dispatch, resume, ask, answer, startsCommand };
}
