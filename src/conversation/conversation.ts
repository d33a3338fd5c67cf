/**
 * Assembles the conversation from what the composition root (src/main/) hands it: the dialog
 * store over its rows, the router with every command family, and the middleware chain; returns
 * the MessageHandler the channels call.
 */
import { INBOUND_LIMITS, type HandleOptions, type InboundMessage, type MessageHandler } from '../channels/contract.js';
import type { ReplyFn } from '../shared/outbound.js';
import type { Logger } from '../shared/logger.js';
import { assignCommands } from './commands/assign.command.js';
import { contactCommands } from './commands/contact.command.js';
import { feedbackCommands } from './commands/feedback.command.js';
import { helpCommands } from './commands/help.command.js';
import { mergeCommands } from './commands/merge.command.js';
import { progressCommands } from './commands/progress.command.js';
import { publishCommands } from './commands/publish.command.js';
import { queryCommands } from './commands/query.command.js';
import { registerCommands } from './commands/register.command.js';
import { reportCommands } from './commands/report.command.js';
import { replyCommands } from './commands/reply.command.js';
import { statsCommands } from './commands/stats.command.js';
import { superviseCommands } from './commands/supervise.command.js';
import { undoCommands } from './commands/undo.command.js';
import type { DialogRows } from '../domain/dialog.port.js';
import type { EvidenceStore } from '../domain/evidence.port.js';
import { createDialogStore } from './dialog.store.js';
import { DEFAULT_OPTIONS, type ConvContext, type ConvCore, type ConvDeps, type ConversationOptions } from './context.js';
import type { Outbox } from '../outbox/outbox.js';
import { normalizeSource } from './parse/source.js';
import { checkLimits, compose, dedupe, errorBoundary, groupFilter, pendingStep, resolvePerson, route } from './pipeline.js';
import { createRouter } from './router.js';
import { STEPS } from './step-table.js';

export interface CreateConversationDeps {
  core: ConvCore;
  log: Logger;
  /** When given, notices to others (contact confirmations, new assignments, 催办…) are queued here. */
  outbox?: Pick<Outbox, 'enqueue'>;
  /** Where guided steps, photo windows, newest cards and list pages are kept. */
  dialogs: DialogRows;
  /** Where photos sent as evidence of a contact are kept. */
  evidence: EvidenceStore;
  options?: Partial<ConversationOptions>;
}

/** Texts longer than this (in UTF-16 units, twice the limit in characters) are never normalised. */
const MAX_READ_UNITS = 2 * INBOUND_LIMITS.textChars;

export const ALL_COMMANDS = [
  ...helpCommands,
  ...queryCommands,
  ...statsCommands,
  ...reportCommands,
  ...registerCommands,
  ...assignCommands,
  ...progressCommands,
  ...contactCommands,
  ...replyCommands,
  ...superviseCommands,
  ...mergeCommands,
  ...publishCommands,
  ...feedbackCommands,
  ...undoCommands,
];

export function createConversation(deps: CreateConversationDeps): MessageHandler {
  const options = { ...DEFAULT_OPTIONS, ...deps.options };
  const conv: ConvDeps = {
    core: deps.core,
    log: deps.log,
    outbox: deps.outbox,
    options,
    dialogs: createDialogStore(deps.dialogs, {
      clock: deps.core.clock,
      pendingTtlMs: options.pendingTtlMinutes * 60_000,
      photoWindowMs: options.photoWindowMinutes * 60_000,
    }),
    evidence: deps.evidence,
  };
  const router = createRouter(ALL_COMMANDS, STEPS);
  const run = compose([errorBoundary, checkLimits, dedupe(), groupFilter, resolvePerson, pendingStep(router), route(router)]);

  return {
    async handle(message: InboundMessage, reply: ReplyFn, how: HandleOptions = {}): Promise<void> {
      // An over-long text is not read at all: checkLimits answers it.
      const source = message.kind === 'text' && message.text.length <= MAX_READ_UNITS ? normalizeSource(message.text) : undefined;
      const ctx: ConvContext = {
        message,
        deps: conv,
        reply: async (body) => {
          await reply(body);
          if (body.type === 'card') await conv.dialogs.markLatestCard(message.senderId, body.card.taskId);
        },
        log: deps.log.child({ messageId: message.messageId, channel: message.channel, kind: message.kind }),
        dialogKey: `ask:${message.channel}:${message.chatId}:${message.senderId}`,
        text: source?.text,
        source,
        performed: { n: 0 },
        ...(how.retried && { retried: true }),
      };
      await run(ctx);
    },
  };
}
