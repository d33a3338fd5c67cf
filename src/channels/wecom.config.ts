/**
 * WeCom channel settings, read from the environment and validated with zod.
 * A channel is on when any of its settings is present; a half-set or malformed channel
 * stops startup with one message listing every problem (never the secret values).
 */
import { z } from 'zod';
import { AppError } from '../shared/app-error.js';

export interface WecomAppConfig {
  corpId: string;
  agentId: number;
  secret: string;
  token: string;
  encodingAesKey: string;
  apiBase: string;
}

export interface WecomBotConfig {
  botId: string;
  secret: string;
  wsUrl: string;
}

export interface GroupRobotConfig {
  webhookKey: string;
  webhookBase: string;
}

export interface WecomConfig {
  app?: WecomAppConfig;
  bot?: WecomBotConfig;
  robot?: GroupRobotConfig;
}

export class WecomConfigError extends AppError {
  constructor(readonly problems: string[]) {
    super('config.wecom', `企业微信配置有误 (WeCom settings are wrong):\n- ${problems.join('\n- ')}`);
  }
}

const DEFAULT_API_BASE = 'https://qyapi.weixin.qq.com';
const DEFAULT_WS_URL = 'wss://openws.work.weixin.qq.com';

const text = z.string().trim().min(1, 'is empty');
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const appSchema = z.object({
  WECOM_CORP_ID: text,
  WECOM_AGENT_ID: z.coerce.number({ error: 'must be a number' }).int('must be an integer').positive('must be positive'),
  WECOM_SECRET: text,
  WECOM_TOKEN: z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'must be 1–32 letters or digits (as set in the admin console)'),
  WECOM_ENCODING_AES_KEY: z.string().regex(/^[A-Za-z0-9]{43}$/, 'must be exactly 43 letters or digits (the EncodingAESKey from the admin console)'),
  WECOM_API_BASE: httpUrl.default(DEFAULT_API_BASE),
});

const botSchema = z.object({
  WECOM_BOT_ID: text,
  WECOM_BOT_SECRET: text,
  WECOM_BOT_WS_URL: z.url({ protocol: /^wss?$/, error: 'must be a ws(s) URL' }).default(DEFAULT_WS_URL),
});

const robotSchema = z.object({
  WECOM_WEBHOOK_KEY: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'must be the key=… part of the webhook URL'),
  WECOM_WEBHOOK_BASE: httpUrl.default(DEFAULT_API_BASE),
});

type Env = Record<string, string | undefined>;

/** Keys whose presence switches a channel on; the defaulted URL settings alone do not. */
const TRIGGERS = {
  app: ['WECOM_CORP_ID', 'WECOM_AGENT_ID', 'WECOM_SECRET', 'WECOM_TOKEN', 'WECOM_ENCODING_AES_KEY'],
  bot: ['WECOM_BOT_ID', 'WECOM_BOT_SECRET'],
  robot: ['WECOM_WEBHOOK_KEY'],
} as const;

function present(env: Env, keys: readonly string[]): boolean {
  return keys.some((k) => (env[k] ?? '').trim() !== '');
}

function pick(env: Env, keys: string[]): Env {
  const out: Env = {};
  for (const k of keys) if ((env[k] ?? '').trim() !== '') out[k] = env[k];
  return out;
}

function check<S extends z.ZodType>(schema: S, input: Env, problems: string[]): z.output<S> | undefined {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  for (const issue of r.error.issues) {
    const key = String(issue.path[0] ?? '?');
    const msg = issue.code === 'invalid_type' && input[key] === undefined ? 'is missing' : issue.message;
    problems.push(`${key} ${msg}`);
  }
  return undefined;
}

/** Reads every WeCom channel from `env`; throws WecomConfigError listing all problems at once. */
export function loadWecomConfig(env: Env = process.env): WecomConfig {
  const problems: string[] = [];
  const config: WecomConfig = {};
  if (present(env, TRIGGERS.app)) {
    const a = check(appSchema, pick(env, Object.keys(appSchema.shape)), problems);
    if (a) {
      config.app = {
        corpId: a.WECOM_CORP_ID,
        agentId: a.WECOM_AGENT_ID,
        secret: a.WECOM_SECRET,
        token: a.WECOM_TOKEN,
        encodingAesKey: a.WECOM_ENCODING_AES_KEY,
        apiBase: a.WECOM_API_BASE.replace(/\/+$/, ''),
      };
    }
  }
  if (present(env, TRIGGERS.bot)) {
    const b = check(botSchema, pick(env, Object.keys(botSchema.shape)), problems);
    if (b) config.bot = { botId: b.WECOM_BOT_ID, secret: b.WECOM_BOT_SECRET, wsUrl: b.WECOM_BOT_WS_URL };
  }
  if (present(env, TRIGGERS.robot)) {
    const r = check(robotSchema, pick(env, Object.keys(robotSchema.shape)), problems);
    if (r) config.robot = { webhookKey: r.WECOM_WEBHOOK_KEY, webhookBase: r.WECOM_WEBHOOK_BASE.replace(/\/+$/, '') };
  }
  if (problems.length > 0) throw new WecomConfigError(problems);
  return config;
}
