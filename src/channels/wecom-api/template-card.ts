/** Our channel-neutral ButtonCard as WeCom's template_card (card_type button_interaction). */
import type { ButtonCard } from '../../shared/outbound.js';

export interface WecomButtonCard {
  card_type: 'button_interaction';
  task_id: string;
  main_title: { title: string; desc?: string };
  horizontal_content_list?: { keyname: string; value: string }[];
  button_list: { text: string; key: string; style?: number }[];
}

/** WeCom shows at most 6 fields and 6 buttons; more would be refused. */
export function toTemplateCard(card: ButtonCard): WecomButtonCard {
  return {
    card_type: 'button_interaction',
    task_id: card.taskId,
    main_title: { title: card.title, ...(card.description ? { desc: card.description } : {}) },
    ...(card.fields?.length ? { horizontal_content_list: card.fields.slice(0, 6).map((f) => ({ keyname: f.key, value: f.value })) } : {}),
    button_list: card.buttons.slice(0, 6).map((b) => ({ text: b.text, key: b.key, ...(b.style ? { style: b.style } : {}) })),
  };
}

/** Where a card cannot be sent (group chats, the robot), the same content as markdown; buttons become hints. */
export function cardToMarkdown(card: ButtonCard): string {
  const lines = [`**${card.title}**`];
  if (card.description) lines.push(card.description);
  for (const f of card.fields ?? []) lines.push(`> ${f.key}：${f.value}`);
  return lines.join('\n');
}
