/**
 * Carries an OutboundBody over the app's REST API: replies to callback messages and pushes.
 * Passive XML replies are not used: message/send works for every kind, including cards.
 */
import type { InboundMessage, PushSender } from '../contract.js';
import type { OutboundBody, Recipient, ReplyFn, SendHow } from '../../shared/outbound.js';
import type { WecomApiClient } from '../wecom-api/client.js';
import { WecomApiError } from '../wecom-api/errors.js';
import { cardToMarkdown } from '../wecom-api/template-card.js';

async function sendToUser(api: WecomApiClient, userid: string, body: OutboundBody, how: SendHow = {}): Promise<void> {
  const o = { duplicateCheck: how.resend === true };
  switch (body.type) {
    case 'text':
      await api.sendToUser(userid, { msgtype: 'text', text: body.text }, o);
      return;
    case 'markdown':
      await api.sendToUser(userid, { msgtype: 'markdown', markdown: body.markdown }, o);
      return;
    case 'card':
      await api.sendToUser(userid, { msgtype: 'card', card: body.card }, o);
      return;
    case 'cardUpdate':
      // Without a click's ResponseCode WeCom cannot update a card; say the outcome instead.
      await api.sendToUser(userid, { msgtype: 'text', text: body.replaceName }, o);
  }
}

/** The reply function handed to the conversation layer with each app-callback message. */
export function appReply(api: WecomApiClient, message: InboundMessage): ReplyFn {
  return async (body, how) => {
    if (body.type === 'cardUpdate' && message.kind === 'cardAction' && message.responseCode) {
      if (body.card) await api.updateCard(message.senderId, message.responseCode, body.card);
      else await api.updateButton(message.senderId, message.responseCode, body.replaceName);
      return;
    }
    await sendToUser(api, message.senderId, body, how);
  };
}

/** Pushes to members (message/send) and to app-created chats (appchat/send). */
export function createAppPushSender(api: WecomApiClient): PushSender {
  return {
    name: 'wecom-app',
    canDeliver: (to: Recipient) => to.kind === 'user' || to.kind === 'chat',
    async push(to, body, how) {
      if (to.kind === 'user') return sendToUser(api, to.userid, body, how);
      if (to.kind !== 'chat') throw new WecomApiError('push', 0, `wecom-app cannot deliver to ${to.kind}`, false);
      switch (body.type) {
        case 'text':
          return api.sendToChat(to.chatId, { msgtype: 'text', text: body.text });
        case 'markdown':
          return api.sendToChat(to.chatId, { msgtype: 'markdown', markdown: body.markdown });
        case 'card':
          return api.sendToChat(to.chatId, { msgtype: 'markdown', markdown: cardToMarkdown(body.card) });
        case 'cardUpdate':
          return api.sendToChat(to.chatId, { msgtype: 'text', text: body.replaceName });
      }
    },
  };
}
