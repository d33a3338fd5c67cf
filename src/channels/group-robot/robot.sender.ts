/**
 * The leaders' group robot (群机器人): markdown POSTed to its webhook (base URL from config).
 * Keeps to the robot's 20 messages a minute with our own throttle (WeCom drops the excess),
 * and splits long markdown. Implements PushSender for the outbox.
 */
import type { Logger } from '../../shared/logger.js';
import type { PushSender } from '../contract.js';
import { outboundText } from '../outbound-text.js';
import type { GroupRobotConfig } from '../wecom.config.js';
import { ThrottledError } from '../wecom-api/errors.js';
import { wecomExchange } from '../wecom-api/exchange.js';
import { cardToMarkdown } from '../wecom-api/template-card.js';
import { createThrottle, ROBOT_LIMITS, type Throttle } from '../wecom-api/throttle.js';
import { splitMarkdown } from '../../shared/split-markdown.js';

export interface GroupRobotOptions {
  log?: Logger;
  throttle?: Throttle;
  rateLimitBackoffMs?: number;
  timeoutMs?: number;
}

export function createGroupRobotSender(config: GroupRobotConfig, o: GroupRobotOptions = {}): PushSender {
  const throttle = o.throttle ?? createThrottle(ROBOT_LIMITS);
  const url = `${config.webhookBase}/cgi-bin/webhook/send?key=${encodeURIComponent(config.webhookKey)}`;
  const path = '/cgi-bin/webhook/send';

  const post = async (content: string): Promise<void> => {
    await wecomExchange(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ msgtype: 'markdown', markdown: { content } }) },
      { path, timeoutMs: o.timeoutMs ?? 10_000, rateLimitBackoffMs: o.rateLimitBackoffMs ?? 60_000 },
    );
  };

  return {
    name: 'group-robot',
    canDeliver: (to) => to.kind === 'groupRobot',
    async push(_to, body) {
      const pieces = splitMarkdown(outboundText(body, cardToMarkdown));
      // Take every slot first: a long message is sent whole or not at all (retried later).
      for (let i = 0; i < pieces.length; i++) {
        const wait = throttle.take('robot');
        if (wait > 0) throw new ThrottledError('robot', wait);
      }
      for (const piece of pieces) await post(piece);
      o.log?.info({ pieces: pieces.length }, 'group robot message sent');
    },
  };
}
