/**
 * Liveness and readiness. /healthz: the process answers. /readyz: it can do its work now — the
 * database answers a ping within a short timeout, the AI-bot connection is authenticated when
 * this instance holds it (other instances report `standby` and are ready: they take callbacks
 * and web traffic), and the service is not stopping. A 503 body names what is not ready.
 */
import mongoose from 'mongoose';
import type { BotState } from '../channels/wecom-bot/bot.channel.js';

export interface ReadinessReport {
  status: 'ready' | 'not ready';
  /** Check name → 'ok' or what is wrong. */
  checks: Record<string, string>;
  /** Names of the failing checks. */
  failing: string[];
}

export interface ReadinessOptions {
  /** Default 1500 ms. */
  pingTimeoutMs?: number;
  /** Whether the bot channel is configured here, and its state when this instance holds it. */
  bot?: () => { configured: boolean; state?: BotState };
  stopping: () => boolean;
}

export type Readiness = () => Promise<ReadinessReport>;

async function pingDatabase(timeoutMs: number): Promise<string> {
  const db = mongoose.connection.db;
  // Ping even when mongoose says disconnected: its state lags the driver's reconnection by up to
  // a heartbeat (10 s), and the ping itself makes the driver look for the server again.
  if (!db) return 'not connected';
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`no answer to ping within ${timeoutMs} ms`), timeoutMs)));
  try {
    return await Promise.race([db.admin().command({ ping: 1 }).then(() => 'ok', (err: unknown) => `ping failed: ${(err as Error).message}`.slice(0, 200)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function createReadiness(o: ReadinessOptions): Readiness {
  const pingTimeoutMs = o.pingTimeoutMs ?? 1500;
  return async () => {
    const checks: Record<string, string> = {};
    if (o.stopping()) checks.service = 'stopping';
    checks.database = await pingDatabase(pingTimeoutMs);
    const bot = o.bot?.();
    if (bot?.configured) checks['wecom-bot'] = !bot.state ? 'standby' : bot.state.status === 'authenticated' ? 'ok' : bot.state.status;
    const failing = Object.entries(checks)
      .filter(([, v]) => v !== 'ok' && v !== 'standby')
      .map(([k]) => k);
    return { status: failing.length === 0 ? 'ready' : 'not ready', checks, failing };
  };
}
