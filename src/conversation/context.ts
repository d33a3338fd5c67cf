/**
 * The context one inbound message is handled in: the message, who sent it, what they are in
 * the middle of, how to answer, and a logger tagged with the message id.
 */
import type { CoreServices } from '../domain/services.js';
import type { InboundMessage } from '../channels/contract.js';
import type { ReplyFn } from '../shared/outbound.js';
import type { Command } from '../domain/commands.js';
import type { EvidenceStore } from '../domain/evidence.port.js';
import type { Actor, Person, Proposal } from '../domain/model.js';
import { scopeOfKinds, type KindScope } from '../domain/kind.js';
import type { Logger } from '../shared/logger.js';
import type { Outbox } from '../outbox/outbox.js';
import type { DialogStore } from './dialog.store.js';
import type { Step } from './steps.js';
import { normalizeSource, original, type Source } from './parse/source.js';

export interface ConversationOptions {
  /** Minutes a guided step waits for its answer. */
  pendingTtlMinutes: number;
  /** Minutes after logging a contact in which a photo is taken as its evidence. */
  photoWindowMinutes: number;
  /** Largest photo accepted, in bytes. */
  maxPhotoBytes: number;
  /** Where people open the web console (PUBLIC_URL), for links in replies; none when unset. */
  publicUrl?: string;
}

export const DEFAULT_OPTIONS: ConversationOptions = { pendingTtlMinutes: 30, photoWindowMinutes: 10, maxPhotoBytes: 5 * 1024 * 1024 };

/** The core services the conversation uses (the work report's draft among them). */
export type ConvCore = Pick<CoreServices, 'clock' | 'directory' | 'ledger' | 'ledgerConfig' | 'similar'>;

export interface ConvDeps {
  core: ConvCore;
  log: Logger;
  outbox?: Pick<Outbox, 'enqueue'>;
  dialogs: DialogStore;
  evidence: EvidenceStore;
  options: ConversationOptions;
}

export interface ConvContext {
  message: InboundMessage;
  deps: ConvDeps;
  log: Logger;
  reply: ReplyFn;
  /** The text, normalised (see parse/source.ts); undefined for other kinds. */
  text?: string;
  /** The text as typed beside its normalised form, to store free text as it was typed. */
  source?: Source;
  /** Set once the sender is found in the directory. */
  person?: Person;
  actor?: Actor;
  /** A card click acts only on the version its card showed. */
  expectedVersion?: number;
  /** Key of this person's pending step in this chat. */
  dialogKey: string;
  /** Ledger commands this message has run so far (shared by copies of the context). */
  performed: { n: number };
  /** Unexpected errors are thrown to the caller, who handles the message again later, instead of apologised for. */
  retried?: boolean;
}

/** What showing a proposal needs: the ledger, the clock and the directory (a Turn is one; so is a notice being rendered). */
export interface CardEnv {
  deps: { core: Pick<CoreServices, 'ledger' | 'clock' | 'directory'> };
}

/** A context whose sender is known: what command handlers get. */
export interface Turn extends ConvContext {
  person: Person;
  actor: Actor;
}

export const actorOf = (p: Person): Actor => ({ userid: p.userid, name: p.name, roles: p.roles, divisionCode: p.divisionCode });

/** Members are outside the bureau: they get member wording, never internal stage names. */
export const isMemberOnly = (a: Actor): boolean => a.roles.length > 0 && a.roles.every((r) => r === 'member');

export const say = (ctx: ConvContext, text: string): Promise<void> => ctx.reply({ type: 'text', text });

/** The kinds of the cases the sender sees (a member: their own), so a deputy reads 您的建议 (a 提案 when there are none). */
export const ownKinds = async (t: Turn): Promise<KindScope> => scopeOfKinds((await t.deps.core.ledger.list({}, t.actor)).map((e) => e.kind));

/** A fragment of the normalised text as the sender typed it (itself when there is no text). */
export const typed = (ctx: ConvContext, fragment: string): string => (ctx.source ? original(ctx.source, fragment) : fragment);

/** Free-text fields of ledger commands: stored as typed, whatever the parser read them from. */
const FREE_TEXT = ['note', 'reason', 'summary', 'memberViews', 'text', 'comment', 'docNo'] as const;

function asTyped(t: Turn, cmd: Command): Command {
  const out: Record<string, unknown> = { ...cmd };
  for (const f of FREE_TEXT) if (typeof out[f] === 'string') out[f] = typed(t, out[f]);
  if (cmd.type === 'draftReply') out.measures = cmd.measures.map((m) => typed(t, m));
  return out as Command;
}

/** Names a message's n-th ledger command, the same every time the message is handled. */
export const requestIdOf = (t: ConvContext, n: number): string => `${t.message.channel}:${t.message.messageId}#${n}`;

/**
 * Runs one ledger command as the sender, through the channel the message came from. A message
 * handled again (after a crash) finds its earlier change instead of making it twice.
 */
export function perform(t: Turn, p: Proposal, cmd: Command): Promise<Proposal> {
  const requestId = requestIdOf(t, t.performed.n++);
  return t.deps.core.ledger.perform({ id: p.id, expectedVersion: t.expectedVersion, requestId, read: p }, asTyped(t, cmd), t.actor, t.message.channel);
}

/** The turn reading `raw` instead of its own text (an answer joined to what the step already had). */
export function withText<T extends ConvContext>(t: T, raw: string): T {
  const source = normalizeSource(raw);
  return { ...t, source, text: source.text };
}

/** What a command returns when it lacks a part: the step to wait in, which the router stores and asks. */
export interface NeedMore {
  readonly needMore: Step;
}

export const needMore = (step: Step): NeedMore => ({ needMore: step });

/**
 * The turn that carries on a guided step: its strings were taken as typed already (the step's
 * and the answer's own), so they are stored as they are.
 */
export const settled = (t: Turn): Turn => ({ ...t, source: undefined });

/** A command's outcome: done (its answers sent), or the part it still needs. */
export type CommandResult = NeedMore | void;
