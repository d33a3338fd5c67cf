/**
 * JSON logs with pino. Secrets and members' message bodies never reach the log.
 *
 * Conventions (so redaction works):
 * - Secrets are redacted by key name at the top level and up to two objects deep:
 *   token, secret, access_token, aesKey, encodingAESKey, corpsecret, Encrypt, password,
 *   authorization, cookie (e.g. `req.headers.authorization`, `wecom.secret`).
 * - A member's message is logged under `msg`, `inbound`, `reply` or `body`; its `text`,
 *   `content` and `markdown` are redacted there (also one level down, e.g. `ctx.msg.text`).
 *   Log ids, kinds and lengths instead of contents.
 * - The log line's own message is under `message` (not pino's default `msg`), so that an
 *   object logged as `{ msg }` never collides with it.
 */
import { pino, type Logger } from 'pino';
import { defaultLogLevel, type LogLevel } from '../config/env.js';

export type { Logger };

export const SECRET_KEYS = [
  'token',
  'secret',
  'access_token',
  'aesKey',
  'encodingAESKey',
  'corpsecret',
  'Encrypt',
  'password',
  'authorization',
  'cookie',
] as const;

export const MESSAGE_CONTAINERS = ['msg', 'inbound', 'reply', 'body'] as const;
export const MESSAGE_BODY_KEYS = ['text', 'content', 'markdown'] as const;

/** The redact paths, exported so they can be reviewed and tested as one list. */
export const REDACT_PATHS: readonly string[] = [
  ...SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
  ...MESSAGE_CONTAINERS.flatMap((c) => MESSAGE_BODY_KEYS.flatMap((k) => [`${c}.${k}`, `*.${c}.${k}`])),
];

export interface LoggerOptions {
  /** Defaults to LOG_LEVEL, else `info` (`silent` under vitest). */
  level?: LogLevel;
  /** Where lines go; defaults to stdout. Tests pass a stream to read them. */
  destination?: pino.DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const fromEnv = process.env.LOG_LEVEL as LogLevel | undefined;
  return pino(
    {
      level: options.level ?? fromEnv ?? defaultLogLevel(),
      messageKey: 'message',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACT_PATHS], censor: '[REDACTED]' },
    },
    options.destination,
  );
}

/** A logger for one inbound message's whole path: every line carries its `msgId`. */
export function childLogger(log: Logger, bindings: { msgId: string } & Record<string, unknown>): Logger {
  return log.child(bindings);
}
