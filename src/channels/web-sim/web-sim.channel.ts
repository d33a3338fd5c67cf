/**
 * The browser chat simulator's channel: turns what the simulator page posts into an
 * `InboundMessage` (channel 'web-sim', so the audit trail names the simulator, not the console's own forms) for the conversation layer and hands back every reply,
 * so the service can be tried without WeCom. As a PushSender it keeps proactive messages
 * (notices, reminders) for each person until their simulator page fetches them.
 */
import { randomUUID } from 'node:crypto';
import type { InboundBase, InboundMessage, MessageHandler, PushSender } from '../contract.js';
import type { OutboundBody, Recipient } from '../../shared/outbound.js';

export type WebSimInput = { userid: string; kind: 'text'; text: string } | { userid: string; kind: 'cardAction'; taskId: string; key: string };

export interface WebSimChannel extends PushSender {
  /** Delivers one message as `userid` and resolves with the bot's replies in order. */
  send(input: WebSimInput): Promise<OutboundBody[]>;
  /** Proactive messages kept for `userid`, oldest first; taking them empties the inbox. */
  take(userid: string): OutboundBody[];
}

/** A person who never opens the simulator should not make the process grow without bound. */
const INBOX_LIMIT = 50;

export function createWebSimChannel(handler: MessageHandler): WebSimChannel {
  const inboxes = new Map<string, OutboundBody[]>();
  return {
    name: 'web-sim',
    async send(input) {
      const base: InboundBase = {
        channel: 'web-sim',
        messageId: `web-${randomUUID()}`,
        senderId: input.userid,
        chatId: input.userid,
        chatType: 'single',
        at: new Date(),
      };
      const message: InboundMessage =
        input.kind === 'text'
          ? { ...base, kind: 'text', text: input.text, mentioned: true }
          : { ...base, kind: 'cardAction', taskId: input.taskId, key: input.key };
      const replies: OutboundBody[] = [];
      await handler.handle(message, async (body) => {
        replies.push(body);
      });
      return replies;
    },
    take(userid) {
      const inbox = inboxes.get(userid) ?? [];
      inboxes.delete(userid);
      return inbox;
    },
    canDeliver: (to: Recipient) => to.kind === 'user',
    async push(to, body) {
      if (to.kind !== 'user') return;
      const inbox = inboxes.get(to.userid) ?? [];
      inbox.push(body);
      inboxes.set(to.userid, inbox.slice(-INBOX_LIMIT));
    },
  };
}
