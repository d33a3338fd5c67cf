/**
 * Liveness and readiness. /healthz: the process answers. /readyz: it can do its work now — the
 * database answers a ping within a short timeout, the AI-bot connection is authenticated when
 * this instance holds it (other instances report `standby` and are ready: they take callbacks
 * and web traffic), and the service is not stopping. A 503 body names what is not ready.
 */
import type { BotState } from '../channels/wecom-bot/bot.channel.js';

export interface ReadinessReport {
  status: 'ready' | 'not ready';
  /** Check name → 'ok' or what is wrong. */
  checks: Record<string, string>;
  /** Names of the failing checks. */
  failing: string[];
}

export interface ReadinessOptions {
  /** Pings the database: 'ok', or what is wrong, within `timeoutMs` (store/db.ts's pingDatabase). */
  pingDatabase: (timeoutMs: number) => Promise<string>;
  /** Default 1500 ms. */
  pingTimeoutMs?: number;
  /** Whether the bot channel is configured here, and its state when this instance holds it. */
  bot?: () => { configured: boolean; state?: BotState };
  stopping: () => boolean;
}

export type Readiness = () => Promise<ReadinessReport>;

export function createReadiness(o: ReadinessOptions): Readiness {
  const pingTimeoutMs = o.pingTimeoutMs ?? 1500;
  return async () => {
    const checks: Record<string, string> = {};
    if (o.stopping()) checks.service = 'stopping';
    checks.database = await o.pingDatabase(pingTimeoutMs);
    const bot = o.bot?.();
    if (bot?.configured) checks['wecom-bot'] = !bot.state ? 'standby' : bot.state.status === 'authenticated' ? 'ok' : bot.state.status;
    const failing = Object.entries(checks)
      .filter(([, v]) => v !== 'ok' && v !== 'standby')
      .map(([k]) => k);
    return { status: failing.length === 0 ? 'ready' : 'not ready', checks, failing };
  };
}
