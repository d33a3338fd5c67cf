/**
 * The whole service started in-process (startService) on a database of its own on the test
 * server, with WeCom played by the simulator and log lines collected. Not combinable with
 * useTestDb() in the same file: the service owns the process's mongoose connection.
 */
import { Writable } from 'node:stream';
import mongoose from 'mongoose';
import { inject } from 'vitest';
import type { Env } from '../../src/config/env.js';
import { createLogger } from '../../src/shared/logger.js';
import { loadOpsConfig } from '../../src/ops/ops.config.js';
import { startService, type Service } from '../../src/main/service.js';
import { connectDb, disconnectDb } from '../../src/store/db.js';
import { APP_KEYS } from '../channels/app-harness.js';
import { freePort, uniqueDbName, uriFor } from '../reliability/service-process.js';
import { CallbackSender, WecomApiSim, WecomBotSim } from '../wecom-sim/index.js';

export interface InProcessService {
  service: Service;
  api: WecomApiSim;
  bot: WecomBotSim;
  sender: CallbackSender;
  mongoUri: string;
  /** Parsed log lines written so far. */
  lines: Record<string, unknown>[];
  /** The raw log text written so far. */
  rawLog(): string;
  url(path: string): string;
  opsUrl(path: string): string;
  /** Stops the service and the simulator and drops the database. */
  close(): Promise<void>;
}

export async function startInProcess(o: { withBot?: boolean } = {}): Promise<InProcessService> {
  const api = new WecomApiSim();
  const bot = new WecomBotSim();
  await api.start();
  if (o.withBot) await bot.start();
  const lines: Record<string, unknown>[] = [];
  let raw = '';
  const log = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk: Buffer, _e, done) {
        raw += chunk.toString();
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    }),
  });
  const mongoUri = uriFor(inject('mongoUri'), uniqueDbName('svc'));
  const env: Env = {
    port: await freePort(),
    mongodbUri: mongoUri,
    dataDir: '/tmp',
    logLevel: 'debug',
    roles: ['web', 'bot', 'jobs'],
    timeZone: 'Asia/Shanghai',
  };
  const service = await startService({
    env,
    log,
    ops: { ...loadOpsConfig({}), opsPort: 0, instanceId: 'in-process', leaseTtlMs: 2000, leaseRenewMs: 500, shutdownGraceMs: 5000, trustProxy: false },
    wecom: {
      app: { corpId: api.corpId, agentId: 1000002, secret: api.secret, apiBase: api.baseUrl, token: APP_KEYS.token, encodingAesKey: APP_KEYS.encodingAesKey },
      ...(o.withBot && { bot: { botId: bot.botId, secret: bot.secret, wsUrl: bot.url } }),
    },
  });
  const sender = new CallbackSender({
    url: `http://127.0.0.1:${service.port}/wecom/callback`,
    token: APP_KEYS.token,
    encodingAesKey: APP_KEYS.encodingAesKey,
    corpId: api.corpId,
  });
  let closed = false;
  return {
    service,
    api,
    bot,
    sender,
    mongoUri,
    lines,
    rawLog: () => raw,
    url: (path) => `http://127.0.0.1:${service.port}${path}`,
    opsUrl: (path) => `http://127.0.0.1:${service.opsPort}${path}`,
    async close() {
      if (closed) return;
      closed = true;
      await service.stop().catch(() => undefined);
      await connectDb(mongoUri, { log: createLogger({ level: 'silent' }) });
      await mongoose.connection.dropDatabase();
      await disconnectDb();
      if (o.withBot) await bot.stop();
      await api.stop();
    },
  };
}
