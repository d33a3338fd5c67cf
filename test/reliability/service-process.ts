/**
 * Runs the real service (`node --import tsx src/main/main.ts`) as a child process, as an operator
 * would, so tests can kill it with SIGKILL or stop it with SIGTERM. Its JSON log lines are
 * collected; the ports come from the start-up line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { APP_KEYS } from '../channels/app-harness.js';
import type { WecomApiSim, WecomBotSim } from '../wecom-sim/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export type LogLine = Record<string, unknown> & { message?: string; level?: string };

export interface ServiceProcess {
  child: ChildProcess;
  port: number;
  opsPort: number;
  url: string;
  lines: LogLine[];
  /** Every byte the process wrote, stdout and stderr. */
  output(): string;
  /** Resolves with the first log line (already written or to come) matching `pred`. */
  waitForLine(pred: (l: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  kill9(): Promise<void>;
  /** SIGTERM; resolves with the exit code. */
  terminate(): Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** The test server's URI naming `dbName` instead of its own database. */
export function uriFor(base: string, dbName: string): string {
  const u = new URL(base);
  u.pathname = `/${dbName}`;
  return u.toString();
}

export const uniqueDbName = (tag: string): string => `r_${tag}_${randomBytes(4).toString('hex')}`;

/** WeCom settings pointing at the simulator: the app callback, and the bot when given. */
export function wecomEnv(api: WecomApiSim, bot?: WecomBotSim): Record<string, string> {
  return {
    WECOM_CORP_ID: api.corpId,
    WECOM_AGENT_ID: '1000002',
    WECOM_SECRET: api.secret,
    WECOM_TOKEN: APP_KEYS.token,
    WECOM_ENCODING_AES_KEY: APP_KEYS.encodingAesKey,
    WECOM_API_BASE: api.baseUrl,
    ...(bot && { WECOM_BOT_ID: bot.botId, WECOM_BOT_SECRET: bot.secret, WECOM_BOT_WS_URL: bot.url }),
  };
}

/** `port`: listen there (a restart on the address WeCom keeps calling); default a free one. */
export async function spawnService(env: Record<string, string>, o: { startTimeoutMs?: number; port?: number } = {}): Promise<ServiceProcess> {
  const port = o.port ?? (await freePort());
  const base: NodeJS.ProcessEnv = {};
  // Nothing from the test runner's environment that changes the service (VITEST silences logs).
  for (const [k, v] of Object.entries(process.env)) if (!/^(VITEST|MONGODB_URI|WECOM_|ROLES|LOG_LEVEL|NODE_OPTIONS)/.test(k)) base[k] = v;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/main.ts'], {
    cwd: ROOT,
    env: { ...base, PORT: String(port), OPS_PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  let raw = '';
  const waiters: { pred: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];
  const onLine = (text: string): void => {
    raw += `${text}\n`;
    if (!text.startsWith('{')) return;
    let line: LogLine;
    try {
      line = JSON.parse(text) as LogLine;
    } catch {
      return;
    }
    lines.push(line);
    for (const w of [...waiters]) {
      if (w.pred(line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  createInterface({ input: child.stdout! }).on('line', onLine);
  createInterface({ input: child.stderr! }).on('line', onLine);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const waitForLine = (pred: (l: LogLine) => boolean, timeoutMs = 60_000): Promise<LogLine> => {
    const seen = lines.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching log line within ${timeoutMs} ms; output:\n${raw.slice(-3000)}`)), timeoutMs);
      waiters.push({
        pred,
        resolve: (l) => {
          clearTimeout(timer);
          resolve(l);
        },
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`service exited; output:\n${raw.slice(-3000)}`));
      });
    });
  };

  const started = await waitForLine((l) => typeof l.port === 'number' && typeof l.opsPort === 'number', o.startTimeoutMs ?? 90_000).catch((err: unknown) => {
    child.kill('SIGKILL');
    throw err;
  });
  return {
    child,
    port,
    opsPort: started.opsPort as number,
    url: `http://127.0.0.1:${port}`,
    lines,
    output: () => raw,
    waitForLine,
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async terminate() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Sum of a metric's samples in a Prometheus text exposition. */
export function metricSum(text: string, name: string): number {
  let sum = 0;
  for (const line of text.split('\n')) if (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  return sum;
}

/** Waits until every message the service took has been handled (read from its /metrics). */
export async function untilHandled(opsPort: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await (await fetch(`http://127.0.0.1:${opsPort}/metrics`)).text();
    if (metricSum(text, 'tiantong_messages_in_total') === metricSum(text, 'tiantong_command_duration_seconds_count')) return;
    if (Date.now() > deadline) throw new Error('messages still being handled');
    await new Promise((r) => setTimeout(r, 100));
  }
}
