/**
 * AI-bot callback frames → InboundMessage. The SDK's types are not trusted: bodies are
 * validated with zod, and a card click's key and task id are read from
 * body.event.template_card_event (where WeCom puts them), not body.event.event_key.
 */
import { z } from 'zod';
import { TRANSPORT_MAX_CHARS, type InboundMessage } from '../contract.js';

// Over-long ids and texts reach the conversation, which answers with the limit.
const from = z.object({ userid: z.string().min(1).max(TRANSPORT_MAX_CHARS) });
const common = z.object({
  msgid: z.string().min(1).max(128),
  chattype: z.enum(['single', 'group']).optional(),
  chatid: z.string().max(128).optional(),
  from,
  create_time: z.number().optional(),
});

const textBody = common.extend({ msgtype: z.literal('text'), text: z.object({ content: z.string().max(TRANSPORT_MAX_CHARS) }) });
const voiceBody = common.extend({ msgtype: z.literal('voice'), voice: z.object({ content: z.string().max(TRANSPORT_MAX_CHARS) }) });
const eventBody = common.extend({
  msgtype: z.literal('event'),
  event: z.object({
    eventtype: z.string(),
    template_card_event: z.object({ event_key: z.string().min(1).max(1024), task_id: z.string().min(1).max(128) }).optional(),
  }),
});
const body = z.discriminatedUnion('msgtype', [textBody, voiceBody, eventBody]);

export function frameToInbound(raw: unknown, receivedAt: Date): InboundMessage | undefined {
  const r = body.safeParse(raw);
  if (!r.success) return undefined;
  const b = r.data;
  const group = b.chattype === 'group' && !!b.chatid;
  const base = {
    channel: 'wecom-bot' as const,
    messageId: b.msgid,
    senderId: b.from.userid,
    chatId: group ? b.chatid! : b.from.userid,
    chatType: group ? ('group' as const) : ('single' as const),
    at: b.create_time ? new Date(b.create_time * 1000) : receivedAt,
  };
  switch (b.msgtype) {
    case 'text':
      // In a group the bot only receives messages that @-mention it.
      return { ...base, kind: 'text', text: b.text.content, mentioned: true };
    case 'voice':
      return { ...base, kind: 'text', text: b.voice.content, mentioned: true, fromVoice: true };
    case 'event': {
      const click = b.event.template_card_event;
      if (b.event.eventtype === 'template_card_event' && click) return { ...base, kind: 'cardAction', taskId: click.task_id, key: click.event_key };
      if (b.event.eventtype === 'enter_chat') return { ...base, kind: 'enter' };
      return undefined;
    }
  }
}
