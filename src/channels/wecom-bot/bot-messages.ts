/**
 * OutboundBody → AI-bot frames via the SDK. The first answer to a callback rides on its
 * req_id (aibot_respond_msg / aibot_respond_update_msg, inside WeCom's 5 s window); later
 * answers to the same message and all pushes use aibot_send_msg.
 */
import { generateReqId, type WSClient, type WsFrame } from '@wecom/aibot-node-sdk';
import type { InboundMessage, PushSender } from '../contract.js';
import type { OutboundBody, ReplyFn } from '../../shared/outbound.js';
import { toTemplateCard } from '../wecom-api/template-card.js';
import { AppError } from '../../shared/app-error.js';

/** The SDK rejects with the ack frame itself; make it an Error with the errcode. */
export class BotSendError extends AppError {
  constructor(
    readonly errcode: number,
    errmsg: string,
  ) {
    super('wecom.botSend', `wecom bot send failed: errcode ${errcode} ${errmsg}`);
  }
}

async function sdk(call: Promise<WsFrame>): Promise<void> {
  try {
    await call;
  } catch (err) {
    if (err instanceof Error) throw err;
    const f = err as WsFrame;
    throw new BotSendError(Number(f?.errcode ?? -1), String(f?.errmsg ?? 'unknown'));
  }
}

function updatedCard(body: Extract<OutboundBody, { type: 'cardUpdate' }>) {
  if (body.card) return toTemplateCard(body.card);
  // Only the outcome is known: a card with the same task id whose buttons give way to it.
  return { card_type: 'button_interaction', task_id: body.taskId, main_title: { title: body.replaceName }, button_list: [], replace_text: body.replaceName };
}

export function pushTo(client: WSClient, chatId: string, body: OutboundBody): Promise<void> {
  switch (body.type) {
    case 'text':
      return sdk(client.sendMessage(chatId, { msgtype: 'markdown', markdown: { content: body.text } }));
    case 'markdown':
      return sdk(client.sendMessage(chatId, { msgtype: 'markdown', markdown: { content: body.markdown } }));
    case 'card':
      return sdk(client.sendMessage(chatId, { msgtype: 'template_card', template_card: toTemplateCard(body.card) }));
    case 'cardUpdate':
      return sdk(client.sendMessage(chatId, { msgtype: 'markdown', markdown: { content: body.replaceName } }));
  }
}

export function botReply(client: WSClient, frame: WsFrame, message: InboundMessage): ReplyFn {
  let answered = false;
  return async (body) => {
    const first = !answered;
    answered = true;
    if (body.type === 'cardUpdate' && message.kind === 'cardAction' && first)
      return sdk(client.updateTemplateCard(frame, updatedCard(body), [message.senderId]));
    if (!first || message.kind === 'cardAction') return pushTo(client, message.chatId, body);
    switch (body.type) {
      case 'text':
      case 'markdown': {
        const content = body.type === 'text' ? body.text : body.markdown;
        return sdk(client.replyStream(frame, generateReqId('stream'), content, true));
      }
      case 'card':
        return sdk(client.replyTemplateCard(frame, toTemplateCard(body.card)));
      case 'cardUpdate':
        return sdk(client.replyStream(frame, generateReqId('stream'), body.replaceName, true));
    }
  };
}

/** Pushes through the long connection; WeCom delivers only to chats that have messaged the bot. */
export function createBotPushSender(client: WSClient): PushSender {
  return {
    name: 'wecom-bot',
    canDeliver: (to) => to.kind === 'user' || to.kind === 'chat',
    push(to, body) {
      if (to.kind === 'groupRobot') throw new BotSendError(0, 'wecom-bot cannot deliver to the group robot');
      return pushTo(client, to.kind === 'user' ? to.userid : to.chatId, body);
    },
  };
}
