/**
 * Base process settings, read from the environment once at start and validated with zod.
 * WeCom settings are validated separately (src/channels/wecom.config.ts).
 *
 * Time zone: the product works in Asia/Shanghai whatever the machine's `TZ` is. `TZ` is
 * deliberately not read; code that needs local dates uses `domain/shanghai-time.ts`, which
 * works on a fixed +08:00 offset, and `Env.timeZone` is only for display/cron configuration.
 */
import { resolve } from 'node:path';
import { z } from 'zod';

export const ROLES = ['web', 'bot', 'jobs'] as const;

/** Storage of the embedded FerretDB (see store/embedded-db.ts). */
export const FERRETDB_BACKENDS = ['postgresql', 'sqlite'] as const;
export type FerretdbBackend = (typeof FERRETDB_BACKENDS)[number];
/** What a process runs: `web` = HTTP (callbacks, console, simulator), `bot` = AI-bot socket, `jobs` = cron + outbox. */
export type Role = (typeof ROLES)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The product's one time zone (UTC+8, no daylight saving). */
export const PRODUCT_TIME_ZONE = 'Asia/Shanghai';

export interface Env {
  port: number;
  /** Unset: `npm start` starts an embedded database under `dataDir` (see store/embedded-db.ts). */
  mongodbUri?: string;
  /** Absolute path. */
  dataDir: string;
  /** The embedded FerretDB's storage; unset: PostgreSQL when its server is installed, else SQLite. */
  ferretdbBackend?: FerretdbBackend;
  logLevel: LogLevel;
  /** Unique, in the order given. */
  roles: readonly Role[];
  /** Base URL people reach this service at, without trailing slash. */
  publicUrl?: string;
  timeZone: typeof PRODUCT_TIME_ZONE;
}

/** Blank values count as unset, so `FOO=` in a .env file means "use the default". */
const blankAsUnset = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema);

const schema = z.object({
  PORT: blankAsUnset(
    z.coerce
      .number({ error: '必须是 1–65535 的整数，例如 PORT=3000 / must be an integer 1–65535, e.g. PORT=3000' })
      .int('必须是整数，例如 PORT=3000 / must be an integer, e.g. PORT=3000')
      .min(1, '必须在 1–65535 之间 / must be between 1 and 65535')
      .max(65535, '必须在 1–65535 之间 / must be between 1 and 65535')
      .default(3000),
  ),
  MONGODB_URI: blankAsUnset(
    z
      .string()
      .trim()
      .regex(
        /^mongodb(\+srv)?:\/\/\S+$/,
        '必须以 mongodb:// 或 mongodb+srv:// 开头，例如 MONGODB_URI=mongodb://127.0.0.1:27017/tiantong / must start with mongodb:// or mongodb+srv://',
      )
      .optional(),
  ),
  DATA_DIR: blankAsUnset(z.string().trim().default('./data')),
  FERRETDB_BACKEND: blankAsUnset(
    z
      .enum(FERRETDB_BACKENDS, {
        error: `必须是 ${FERRETDB_BACKENDS.join('、')} 之一，例如 FERRETDB_BACKEND=sqlite / must be one of ${FERRETDB_BACKENDS.join(', ')}`,
      })
      .optional(),
  ),
  LOG_LEVEL: blankAsUnset(
    z
      .enum(LOG_LEVELS, {
        error: `必须是 ${LOG_LEVELS.join('、')} 之一，例如 LOG_LEVEL=info / must be one of ${LOG_LEVELS.join(', ')}`,
      })
      .optional(),
  ),
  ROLES: blankAsUnset(
    z
      .string()
      .default(ROLES.join(','))
      .transform((s) => s.split(',').map((r) => r.trim().toLowerCase()).filter((r) => r !== ''))
      .superRefine((names, ctx) => {
        const unknown = names.filter((r) => !(ROLES as readonly string[]).includes(r));
        const what = names.length === 0 ? '没有角色 / no role given' : `未知角色 / unknown role: ${unknown.join(', ')}`;
        if (unknown.length > 0 || names.length === 0) {
          ctx.addIssue({
            code: 'custom',
            message: `${what}；请用逗号分隔 web、bot、jobs，例如 ROLES=web,jobs / use a comma list of web, bot, jobs`,
          });
        }
      })
      .transform((names) => [...new Set(names)] as Role[]),
  ),
  PUBLIC_URL: blankAsUnset(
    z
      .url({
        protocol: /^https?$/,
        error: '必须是 http(s) 网址，例如 PUBLIC_URL=https://tiantong.example.cn / must be an http(s) URL',
      })
      .transform((u) => u.replace(/\/+$/, ''))
      .optional(),
  ),
});

/**
 * Default log level: silent under vitest so test output stays readable, `info` otherwise.
 * Set LOG_LEVEL to see logs in tests.
 */
export const defaultLogLevel = (env: NodeJS.ProcessEnv = process.env): LogLevel =>
  env.VITEST ? 'silent' : 'info';

/**
 * Validates environment variables with `schema`.
 * @throws Error listing every invalid variable (Chinese and English), never echoing values.
 */
export function parseEnvVars<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.output<T> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`环境变量有误 (invalid environment):\n- ${problems.join('\n- ')}`);
  }
  return parsed.data;
}

/** Reads and validates the base settings (see parseEnvVars). */
export function loadEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const v = parseEnvVars(schema, env);
  return {
    port: v.PORT,
    ...(v.MONGODB_URI && { mongodbUri: v.MONGODB_URI }),
    dataDir: resolve(v.DATA_DIR),
    ...(v.FERRETDB_BACKEND && { ferretdbBackend: v.FERRETDB_BACKEND }),
    logLevel: v.LOG_LEVEL ?? defaultLogLevel(env),
    roles: v.ROLES,
    ...(v.PUBLIC_URL && { publicUrl: v.PUBLIC_URL }),
    timeZone: PRODUCT_TIME_ZONE,
  };
}
