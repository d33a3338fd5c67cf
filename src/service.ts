/**
 * The running service: wires channels, conversation, jobs and the web console onto the core
 * services, as the process's ROLES ask. main.ts calls this; tests start it in-process too.
 */
import Router from '@koa/router';
import Koa from 'koa';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCoreServices, openDatabase, type CoreServices } from './app.js';
import { seedDemoLedger, syncDirectory } from './bootstrap.js';
import type { PushSender } from './channels/contract.js';
import { createInboundDedup } from './channels/dedup.js';
import { createGroupRobotSender } from './channels/group-robot/robot.sender.js';
import { createWebSimChannel } from './channels/web-sim/web-sim.channel.js';
import { createAppPushSender } from './channels/wecom-app/app-messages.js';
import { createWecomAppRouter } from './channels/wecom-app/callback.router.js';
import { createWecomApiClient } from './channels/wecom-api/client.js';
import { startWecomBot, type WecomBot } from './channels/wecom-bot/bot.channel.js';
import { loadWecomConfig, type WecomConfig } from './channels/wecom.config.js';
import { calendarCoverageWarnings } from './config/calendar.config.js';
import type { Env } from './config/env.js';
import { loadSchedulesConfig } from './config/schedules.config.js';
import { createConversation } from './conversation/index.js';
import type { Clock } from './domain/ports.js';
import { createOutbox } from './jobs/outbox/outbox.js';
import { startOutboxWorker, type OutboxWorker } from './jobs/outbox/outbox.worker.js';
import { startScheduler, type Scheduler } from './jobs/scheduler.js';
import type { Logger } from './ops/logger.js';
import { createJobsView } from './web/jobs-view.js';
import { createAdminLink, createSessionKeeper, createWebRouter } from './web/web.router.js';

export interface ServiceOptions {
  env: Env;
  log: Logger;
  clock?: Clock;
  /** WeCom settings; default read from the environment. */
  wecom?: WecomConfig;
}

export interface Service {
  core: CoreServices;
  /** The HTTP server when this process has the web role. */
  server?: Server;
  /** Port actually bound (PORT=0 picks a free one). */
  port?: number;
  /** A one-time sign-in link for the web console, when WeCom sign-in is not configured. */
  adminLink?: string;
  bot?: WecomBot;
  stop(): Promise<void>;
}

export async function startService(o: ServiceOptions): Promise<Service> {
  const { env, log } = o;
  const wecom = o.wecom ?? loadWecomConfig();
  const db = await openDatabase(env, log);
  log.info(
    { kind: db.kind },
    db.kind === 'external' ? '使用 MONGODB_URI 指定的数据库' : `已启动内置数据库（${db.kind}），数据保存在 ${env.dataDir}`,
  );
  const core = createCoreServices(o.clock ? { clock: o.clock } : {});
  for (const warning of calendarCoverageWarnings(core.calendar, core.clock.now())) log.warn(warning);
  await syncDirectory(core, log);
  const demo = !wecom.app && !wecom.bot;
  if (demo) await seedDemoLedger(core, log);

  const has = (role: Env['roles'][number]) => env.roles.includes(role);
  let worker: OutboxWorker | undefined;
  const outbox = createOutbox({ onEnqueue: () => worker?.wake() });
  const conversation = createConversation({ core, log, outbox });
  const dedup = createInboundDedup();
  const api = wecom.app && createWecomApiClient(wecom.app, { log });
  const webSim = createWebSimChannel(conversation);

  const bot = has('bot') && wecom.bot ? startWecomBot({ config: wecom.bot, handler: conversation, dedup, log }) : undefined;

  let scheduler: Scheduler | undefined;
  if (has('jobs')) {
    // The simulator goes last: it takes any user recipient, so earlier it would catch WeCom's messages.
    const senders: PushSender[] = [
      ...(api ? [createAppPushSender(api)] : []),
      ...(bot ? [bot.sender] : []),
      ...(wecom.robot ? [createGroupRobotSender(wecom.robot)] : []),
      webSim,
    ];
    worker = startOutboxWorker({ senders, log });
    scheduler = startScheduler({ core, outbox, log, clock: core.clock, config: loadSchedulesConfig() });
  }

  let server: Server | undefined;
  let port: number | undefined;
  let adminLink: string | undefined;
  if (has('web')) {
    const app = new Koa();
    app.proxy = true;
    const health = new Router();
    health.get('/healthz', (ctx) => {
      ctx.body = { status: 'ok' };
    });
    app.use(health.routes());
    if (api && wecom.app) {
      const callback = createWecomAppRouter({ config: wecom.app, handler: conversation, dedup, api, log });
      app.use(callback.routes()).use(callback.allowedMethods());
    }
    const sessions = createSessionKeeper();
    const web = createWebRouter({
      core,
      log,
      conversation,
      webSim,
      outbox,
      jobs: createJobsView(),
      auth: {
        sessions,
        publicUrl: env.publicUrl,
        wecom: wecom.app && { corpId: wecom.app.corpId, agentId: wecom.app.agentId, secret: wecom.app.secret, apiBase: wecom.app.apiBase },
      },
    });
    app.use(web.routes()).use(web.allowedMethods());
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(env.port, '0.0.0.0', () => resolve(s));
    });
    port = (server.address() as AddressInfo).port;
    const base = env.publicUrl ?? `http://localhost:${port}`;
    log.info({ port }, `提案通已启动：${base}/`);
    if (!wecom.app) {
      adminLink = createAdminLink(sessions, base, '/sim');
      log.info(`未配置企业微信：请用浏览器打开聊天模拟器（一次性管理员登录链接，30 分钟内有效）：${adminLink}`);
    }
  }

  return {
    core,
    server,
    port,
    adminLink,
    bot,
    async stop() {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      bot?.stop();
      await scheduler?.stop();
      await worker?.stop();
      await db.close();
    },
  };
}
