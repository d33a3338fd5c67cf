/**
 * Entry point: reads the settings, starts the service (see service.ts) and stops it cleanly on
 * SIGTERM/SIGINT.
 */
import { loadEnv } from './config/env.js';
import { createLogger } from './ops/logger.js';
import { startService } from './service.js';

const env = loadEnv();
const log = createLogger({ level: env.logLevel });

try {
  const service = await startService({ env, log });
  // One plain line for the person at the terminal; the JSON log carries the same.
  if (service.port) console.log(`\n提案通已启动 http://localhost:${service.port}/${service.adminLink ? `\n聊天模拟器（一次性登录链接）：${service.adminLink}` : ''}\n`);
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, '正在停止服务');
    await service.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
} catch (err) {
  log.error({ err }, '启动失败');
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
