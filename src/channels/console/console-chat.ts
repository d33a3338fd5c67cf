/**
 * The conversation layer in a terminal (`npm run chat -- --as <userid>`), through the same
 * MessageHandler as WeCom. A card's buttons are shown as numbered choices; typing a number
 * while a card is open presses that button. Testable with any pair of streams.
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { InboundBase, InboundMessage, MessageHandler } from '../contract.js';
import type { ButtonCard, OutboundBody } from '../../shared/outbound.js';
import { outboundText } from '../outbound-text.js';
import { consoleTexts as t } from './console.texts.js';

export interface ConsoleChatOptions {
  handler: MessageHandler;
  userid: string;
  input: Readable;
  output: Writable;
}

export function renderBody(body: OutboundBody): string {
  return outboundText(body, renderCard, t.cardUpdated);
}

function renderCard(card: ButtonCard): string {
  const lines = [`┌ ${card.title}`];
  if (card.description) lines.push(`│ ${card.description}`);
  for (const f of card.fields ?? []) lines.push(`│ ${f.key}：${f.value}`);
  if (card.buttons.length) lines.push(`│ ${t.choose}`);
  card.buttons.forEach((b, i) => lines.push(`│  ${i + 1}. ${b.text}`));
  lines.push('└');
  return lines.join('\n');
}

/** Resolves when the input ends or the person types an exit word. */
export async function runConsoleChat(o: ConsoleChatOptions): Promise<void> {
  const write = (s: string) => o.output.write(`${s}\n`);
  const rl = createInterface({ input: o.input, terminal: false });
  /**
   * The card whose buttons a typed number presses: only while it is the last thing shown. Any
   * text after it (a numbered list, a question) takes the numbers, so a list beats an older card.
   */
  let openCard: ButtonCard | undefined;

  const reply = async (body: OutboundBody) => {
    openCard = body.type === 'card' ? body.card : body.type === 'cardUpdate' ? body.card : undefined;
    write(renderBody(body));
  };

  write(t.welcome(o.userid));
  for await (const raw of rl) {
    const line = raw.trim();
    if (!line) continue;
    if ((t.exitWords as readonly string[]).includes(line)) break;
    const base: InboundBase = {
      channel: 'console',
      messageId: randomUUID(),
      senderId: o.userid,
      chatId: o.userid,
      chatType: 'single',
      at: new Date(),
    };
    // A number matching none of the open card's buttons (30 天, a proposal number, a card without
    // buttons) is sent as typed: the conversation reads it as the answer it waits for.
    const button = openCard && /^\d+$/.test(line) ? openCard.buttons[Number(line) - 1] : undefined;
    let message: InboundMessage;
    if (openCard && button) {
      message = { ...base, kind: 'cardAction', taskId: openCard.taskId, key: button.key };
    } else {
      message = { ...base, kind: 'text', text: line, mentioned: true };
    }
    try {
      await o.handler.handle(message, reply);
    } catch {
      write(t.failed);
    }
  }
  rl.close();
  write(t.bye);
}
