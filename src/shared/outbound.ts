/**
 * What goes out to people, whatever carries it: message bodies, recipients and the reply function.
 * Channels render these onto their wire format; the conversation and the jobs produce them; the
 * outbox keeps them as JSON until they are delivered.
 */

/** A button on a card. `key` comes back in `InboundCardAction.key`. Style 1–4 as in WeCom. */
export interface CardButton {
  text: string;
  key: string;
  style?: 1 | 2 | 3 | 4;
}

/** A button-interaction card (WeCom template_card, card_type button_interaction). */
export interface ButtonCard {
  taskId: string;
  title: string;
  description?: string;
  /** Key/value lines shown on the card. */
  fields?: { key: string; value: string }[];
  buttons: CardButton[];
}

export type OutboundBody =
  | { type: 'text'; text: string }
  | { type: 'markdown'; markdown: string }
  | { type: 'card'; card: ButtonCard }
  /** Replace a clicked card: show `replaceName` on its buttons (what was done and by whom). */
  | { type: 'cardUpdate'; taskId: string; replaceName: string; card?: ButtonCard };

/**
 * How a message goes out. `resend`: an earlier attempt may have reached WeCom (its sender died
 * before recording the outcome), so ask WeCom to drop it if it did (message/send's duplicate check).
 */
export interface SendHow {
  resend?: boolean;
}

export type ReplyFn = (body: OutboundBody, how?: SendHow) => Promise<void>;

/** Where a proactive message goes. */
export type Recipient =
  | { kind: 'user'; userid: string }
  | { kind: 'chat'; chatId: string }
  /** The leaders' group robot (群机器人) webhook. */
  | { kind: 'groupRobot' };
