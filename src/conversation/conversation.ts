/**
 * The conversation layer's composition root: builds the stores, the router with every command
 * family, and the middleware chain, and returns the MessageHandler the channels call.
 */
import type { CoreServices } from '../app.js';
import type { HandleOptions, InboundMessage, MessageHandler, ReplyFn } from '../channels/contract.js';
import type { Logger } from '../ops/logger.js';
import { createEvidenceStore } from '../store/evidence.store.js';
import { assignCommands } from './commands/assign.command.js';
import { contactCommands } from './commands/contact.command.js';
import { feedbackCommands } from './commands/feedback.command.js';
import { helpCommands } from './commands/help.command.js';
import { progressCommands } from './commands/progress.command.js';
import { queryCommands } from './commands/query.command.js';
import { registerCommands } from './commands/register.command.js';
import { replyCommands } from './commands/reply.command.js';
import { statsCommands } from './commands/stats.command.js';
import { superviseCommands } from './commands/supervise.command.js';
import { DEFAULT_OPTIONS, type ConvContext, type ConvDeps, type ConversationOptions, type OutboxPort } from './context.js';
import { createDialogStore } from './dialog.store.js';
import { normalizeText, stripMentions } from './parse/text.js';
import { compose, dedupe, errorBoundary, groupFilter, pendingStep, resolvePerson, route } from './pipeline.js';
import { createRouter } from './router.js';

export interface CreateConversationDeps {
  core: CoreServices;
  log: Logger;
  /** When given, notices to others (contact confirmations, new assignments, 催办…) are queued here. */
  outbox?: OutboxPort;
  options?: Partial<ConversationOptions>;
}

export const ALL_COMMANDS = [
  ...helpCommands,
  ...queryCommands,
  ...statsCommands,
  ...registerCommands,
  ...assignCommands,
  ...progressCommands,
  ...contactCommands,
  ...replyCommands,
  ...superviseCommands,
  ...feedbackCommands,
];

export function createConversation(deps: CreateConversationDeps): MessageHandler {
  const options = { ...DEFAULT_OPTIONS, ...deps.options };
  const conv: ConvDeps = {
    core: deps.core,
    log: deps.log,
    outbox: deps.outbox,
    options,
    dialogs: createDialogStore({
      clock: deps.core.clock,
      pendingTtlMs: options.pendingTtlMinutes * 60_000,
      photoWindowMs: options.photoWindowMinutes * 60_000,
    }),
    evidence: createEvidenceStore(),
  };
  const router = createRouter(ALL_COMMANDS);
  const run = compose([errorBoundary, dedupe(), groupFilter, resolvePerson, pendingStep(router), route(router)]);

  return {
    async handle(message: InboundMessage, reply: ReplyFn, how: HandleOptions = {}): Promise<void> {
      const ctx: ConvContext = {
        message,
        deps: conv,
        reply,
        log: deps.log.child({ messageId: message.messageId, channel: message.channel, kind: message.kind }),
        dialogKey: `ask:${message.channel}:${message.chatId}:${message.senderId}`,
        text: message.kind === 'text' ? stripMentions(normalizeText(message.text)) : undefined,
        performed: { n: 0 },
        ...(how.retried && { retried: true }),
      };
      await run(ctx);
    },
  };
}
