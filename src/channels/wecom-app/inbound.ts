/**
 * Decrypted app-callback XML → the channel-neutral InboundMessage, plus its de-duplication key
 * (MsgId for messages; sender + time + event + key for events, as WeCom advises).
 * Returns undefined for kinds 提案通 does not act on (location, menu views, …).
 */
import { z } from 'zod';
import { TRANSPORT_MAX_CHARS, type InboundMessage } from '../contract.js';

const base = z.object({
  ToUserName: z.string().min(1),
  // Over-long ids and texts reach the conversation, which answers with the limit.
  FromUserName: z.string().min(1).max(TRANSPORT_MAX_CHARS),
  CreateTime: z.string().regex(/^\d{1,12}$/),
  AgentID: z.string().optional(),
});

const textMsg = base.extend({ MsgType: z.literal('text'), Content: z.string().max(TRANSPORT_MAX_CHARS), MsgId: z.string().regex(/^\d{1,20}$/) });
/** Voice arrives as text only when speech recognition is on for the app. */
const voiceMsg = base.extend({
  MsgType: z.literal('voice'),
  Recognition: z.string().max(TRANSPORT_MAX_CHARS).optional(),
  MsgId: z.string().regex(/^\d{1,20}$/),
});
const eventMsg = base.extend({
  MsgType: z.literal('event'),
  Event: z.string().min(1).max(64),
  EventKey: z.string().max(1024).optional(),
  TaskId: z.string().max(128).optional(),
  ResponseCode: z.string().max(512).optional(),
});

const anyMsg = z.discriminatedUnion('MsgType', [textMsg, voiceMsg, eventMsg]);

export interface ParsedCallback {
  dedupKey: string;
  message: InboundMessage;
}

export function toInbound(fields: Record<string, unknown>): ParsedCallback | undefined {
  const r = anyMsg.safeParse(fields);
  if (!r.success) return undefined;
  const m = r.data;
  const common = {
    channel: 'wecom-app' as const,
    senderId: m.FromUserName,
    chatId: m.FromUserName,
    chatType: 'single' as const,
    at: new Date(Number(m.CreateTime) * 1000),
  };
  switch (m.MsgType) {
    case 'text':
      return { dedupKey: `app:${m.MsgId}`, message: { ...common, kind: 'text', messageId: m.MsgId, text: m.Content, mentioned: true } };
    case 'voice':
      if (!m.Recognition) return undefined;
      return {
        dedupKey: `app:${m.MsgId}`,
        message: { ...common, kind: 'text', messageId: m.MsgId, text: m.Recognition, mentioned: true, fromVoice: true },
      };
    case 'event': {
      const id = `${m.FromUserName}:${m.CreateTime}:${m.Event}:${m.EventKey ?? ''}:${m.TaskId ?? ''}`;
      const dedupKey = `app:evt:${id}`;
      if (m.Event === 'enter_agent') return { dedupKey, message: { ...common, kind: 'enter', messageId: id } };
      if (m.Event === 'template_card_event' && m.TaskId && m.EventKey) {
        return {
          dedupKey,
          message: {
            ...common,
            kind: 'cardAction',
            messageId: id,
            taskId: m.TaskId,
            key: m.EventKey,
            ...(m.ResponseCode ? { responseCode: m.ResponseCode } : {}),
          },
        };
      }
      return undefined;
    }
  }
}
