/** The conversation layer: channels give it InboundMessages, it answers through their ReplyFn. */
export { createConversation, type CreateConversationDeps } from './conversation.js';
export type { ConversationOptions } from './context.js';
