/**
 * The one contract between transports and the conversation layer.
 * Channels turn their wire format into an `InboundMessage` and carry what goes out back (its
 * shapes are in src/shared/outbound.ts, shared with the outbox, which must not import a channel);
 * nothing after a channel sees XML, WebSocket frames or access tokens.
 */
import type { ChannelName } from '../domain/model.js';
import type { OutboundBody, Recipient, ReplyFn, SendHow } from '../shared/outbound.js';

/**
 * What the conversation accepts from a person. Channels pass longer or malformed messages on
 * (within TRANSPORT_MAX_CHARS) so the sender is told the limit instead of hearing nothing.
 */
export const INBOUND_LIMITS = { textChars: 8192, senderIdChars: 64 } as const;

/** Bound a channel puts on any single field before the conversation sees it (memory safety only). */
export const TRANSPORT_MAX_CHARS = 65_536;

export type InboundChannel = Extract<ChannelName, 'wecom-app' | 'wecom-bot' | 'console' | 'web-sim'>;

export interface InboundBase {
  channel: InboundChannel;
  /** Transport message id used for de-duplication (MsgId, aibot msgid, or a generated id). */
  messageId: string;
  /** WeCom userid of the sender. */
  senderId: string;
  /** Chat id for group chats; for single chats the sender's userid. */
  chatId: string;
  chatType: 'single' | 'group';
  /** When the transport says the message was sent. */
  at: Date;
}

export interface InboundText extends InboundBase {
  kind: 'text';
  text: string;
  /** True when the bot was @-mentioned (always true in single chats). */
  mentioned: boolean;
  /** The message was a voice note transcribed by WeCom. */
  fromVoice?: boolean;
}

export interface InboundCardAction extends InboundBase {
  kind: 'cardAction';
  /** The card's task id (one per card sent). */
  taskId: string;
  /** The pressed button's key. */
  key: string;
  /** App-callback cards: the code allowing one `update_template_card` call (72 h). */
  responseCode?: string;
}

export interface InboundImage extends InboundBase {
  kind: 'image';
  /** Fetches the image bytes (already decrypted). Rejects past the size limit. */
  fetch: () => Promise<Buffer>;
}

/** A person opened the chat (enter_agent / enter_chat). */
export interface InboundEnter extends InboundBase {
  kind: 'enter';
}

export type InboundMessage = InboundText | InboundCardAction | InboundImage | InboundEnter;

export interface HandleOptions {
  /**
   * The caller handles the message again when this call fails (the durable inbox does): an
   * unexpected error is thrown instead of answered with an apology, so nobody is told to resend
   * something that may have been applied.
   */
  retried?: boolean;
}

/** Implemented by the conversation layer; channels call it for each inbound message. */
export interface MessageHandler {
  handle(message: InboundMessage, reply: ReplyFn, options?: HandleOptions): Promise<void>;
}

/**
 * A message a channel has verified and decoded, offered to the durable inbox before it is
 * acknowledged. `payload` is the channel's own decrypted form (JSON-safe), kept whole and decoded
 * again if the message must be handled after a crash; `reply` answers on the live transport.
 */
export interface Arrival {
  /** Channel-scoped transport id (`app:<MsgId>`, `bot:<msgid>`): WeCom's retries repeat it. */
  id: string;
  message: InboundMessage;
  payload: Record<string, unknown>;
  reply?: ReplyFn;
}

/** The durable inbox as channels see it: one insert, then the transport may acknowledge. */
export interface InboundIntake {
  /**
   * Keeps the message; 'duplicate' when it was kept already (a retry: acknowledge, nothing to do).
   * Rejects, within a bounded time, when it cannot be kept: the channel answers so WeCom retries.
   */
  accept(arrival: Arrival): Promise<'accepted' | 'duplicate'>;
}

/** Implemented by each channel able to push: the outbox worker delivers through it. */
export interface PushSender {
  readonly name: InboundChannel | 'group-robot';
  canDeliver(to: Recipient): boolean;
  push(to: Recipient, body: OutboundBody, how?: SendHow): Promise<void>;
}
