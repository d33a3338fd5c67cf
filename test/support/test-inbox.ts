/** The durable inbox on the test database in front of `handler`, as channel tests and harnesses use it. */
import type { MessageHandler } from '../../src/channels/contract.js';
import { appInboxChannel } from '../../src/channels/wecom-app/callback.router.js';
import { botInboxChannel } from '../../src/channels/wecom-bot/bot.channel.js';
import { startInbox, type Inbox, type InboxOptions } from '../../src/conversation/inbox.js';
import { createLogger } from '../../src/shared/logger.js';
import { MongoInboxStore } from '../../src/store/inbox.store.js';

export function testInbox(handler: MessageHandler, o: Partial<InboxOptions> = {}): Inbox {
  return startInbox({
    store: new MongoInboxStore(),
    handler,
    channels: { 'wecom-app': appInboxChannel(undefined), 'wecom-bot': botInboxChannel },
    owner: `test-${process.pid}`,
    log: createLogger({ level: 'silent' }),
    ...o,
  });
}
