/** An OutboundBody as one piece of text, for transports that have no cards (terminal, group robot). */
import type { ButtonCard, OutboundBody } from '../shared/outbound.js';

export function outboundText(body: OutboundBody, renderCard: (card: ButtonCard) => string, renderUpdate = (what: string) => what): string {
  switch (body.type) {
    case 'text':
      return body.text;
    case 'markdown':
      return body.markdown;
    case 'card':
      return renderCard(body.card);
    case 'cardUpdate':
      return [renderUpdate(body.replaceName), ...(body.card ? [renderCard(body.card)] : [])].join('\n');
  }
}
