/**
 * Entry point: reads the settings, starts the service (see service.ts) and stops it cleanly on
 * SIGTERM/SIGINT.
 */
import { loadEnv } from '../config/env.js';
import { createLogger } from '../shared/logger.js';
import { startService } from './service.js';

let env: ReturnType<typeof loadEnv>;
try {
  env = loadEnv();
} catch (err) {
  // A settings mistake is the operator's to fix: the message lists every problem, no stack needed.
  console.error((err as Error).message);
  process.exit(1);
}
const log = createLogger({ level: env.logLevel });

try {
  const service = await startService({ env, log });
  // One plain line for the person at the terminal; the JSON log carries the same.
  if (service.port)
    console.log(`\n提案通已启动 http://localhost:${service.port}/${service.adminLink ? `\n聊天模拟器（一次性登录链接）：${service.adminLink}` : ''}\n`);
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) {
      // A second signal: the operator does not want to wait.
      log.warn({ signal }, '再次收到停止信号，立即退出');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, '正在停止服务');
    // Should anything hang (a database that never answers), do not outlive the platform's patience.
    setTimeout(() => {
      log.error('停止超时，强制退出');
      process.exit(1);
    }, 30_000).unref();
    try {
      await service.stop();
      process.exit(0);
    } catch (err) {
      log.error({ err }, '停止时出错');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
} catch (err) {
  log.error({ err }, '启动失败');
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
