/** Wires the real app-callback router and REST client to the WeCom simulator for tests and the bench. */
import Koa from 'koa';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../src/shared/logger.js';
import type { MessageHandler } from '../../src/channels/contract.js';
import { appInboxChannel, createWecomAppRouter } from '../../src/channels/wecom-app/callback.router.js';
import { createWecomApiClient } from '../../src/channels/wecom-api/client.js';
import type { WecomAppConfig } from '../../src/channels/wecom.config.js';
import type { Inbox } from '../../src/conversation/inbox.js';
import { testInbox } from '../support/test-inbox.js';
import { CallbackSender, WecomApiSim } from '../wecom-sim/index.js';

export const APP_KEYS = { token: 'SimToken42', encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' };

export interface AppHarness {
  api: WecomApiSim;
  sender: CallbackSender;
  config: WecomAppConfig;
  inbox: Inbox;
  close(): Promise<void>;
}

export async function startAppHarness(handler: MessageHandler, o: { leaseMs?: number } = {}): Promise<AppHarness> {
  const api = new WecomApiSim();
  const apiBase = await api.start();
  const config: WecomAppConfig = { corpId: api.corpId, agentId: 1000002, secret: api.secret, apiBase, ...APP_KEYS };
  const log = createLogger({ level: 'silent' });
  const client = createWecomApiClient(config, { log, backoffMs: 10 });
  const inbox = testInbox(handler, { ...(o.leaseMs && { leaseMs: o.leaseMs }), channels: { 'wecom-app': appInboxChannel(client) } });
  const router = createWecomAppRouter({ config, inbox, api: client, log });
  const app = new Koa().use(router.routes()).use(router.allowedMethods());
  const server: Server = await new Promise((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wecom/callback`;
  const sender = new CallbackSender({ url, token: APP_KEYS.token, encodingAesKey: APP_KEYS.encodingAesKey, corpId: api.corpId });
  return {
    api,
    sender,
    config,
    inbox,
    async close() {
      await inbox.stop();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await api.stop();
    },
  };
}
