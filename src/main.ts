/**
 * Composition root: reads the settings, opens the database, builds the services and starts
 * what this process's ROLES ask for (web: HTTP server and callbacks; bot: AI-bot connection;
 * jobs: schedules and the outbox worker).
 */
import Router from '@koa/router';
import Koa from 'koa';
import type { Server } from 'node:http';
import { createCoreServices, openDatabase } from './app.js';
import { calendarCoverageWarnings } from './config/calendar.config.js';
import { loadEnv } from './config/env.js';
import { createLogger } from './ops/logger.js';

async function main(): Promise<void> {
  const env = loadEnv();
  const log = createLogger({ level: env.logLevel });
  const db = await openDatabase(env, log);
  log.info({ kind: db.kind }, db.kind === 'external' ? '使用 MONGODB_URI 指定的数据库' : `已启动内置数据库（${db.kind}），数据保存在 ${env.dataDir}`);
  const core = createCoreServices();
  for (const warning of calendarCoverageWarnings(core.calendar, core.clock.now())) log.warn(warning);

  const app = new Koa();
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  app.use(router.routes()).use(router.allowedMethods());

  const server: Server = app.listen(env.port, () => log.info({ port: env.port }, `提案通已启动：http://localhost:${env.port}/`));

  const stop = async (signal: string): Promise<void> => {
    log.info({ signal }, 'shutting down');
    server.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
