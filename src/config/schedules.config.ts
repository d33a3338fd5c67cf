/**
 * Loads config/schedules.yaml: when the digests, summaries and member notices run, and how
 * nudges escalate. Validated with zod; a bad file stops startup with every problem in Chinese,
 * since a wrong schedule would silently stop (or flood) the reminders.
 */
import { readFileSync } from 'node:fs';
import cron from 'node-cron';
import { parse } from 'yaml';
import { z } from 'zod';
import { AppError } from '../shared/app-error.js';
import { issueText } from './config-issues.js';

export const DEFAULT_SCHEDULES_PATH = 'config/schedules.yaml';

const texts = {
  header: (path: string) => `定时任务配置文件 ${path} 有误：`,
  notYaml: (path: string, reason: string) => `定时任务配置文件 ${path} 不是有效的 YAML：${reason}。请检查缩进和冒号。`,
  unreadable: (path: string) => `读不到定时任务配置文件 ${path}，请恢复该文件（见 README“定时提醒与周督导、月调度”）。`,
  time: '时间应写成 "HH:MM"（24 小时制），例如 "09:00"',
  cron: '不是有效的 cron 表达式，例如 "*/10 * * * *"（每 10 分钟）',
  weekday: '星期应为 1（周一）到 7（周日）之间的整数，例如 1',
  weights: '得分权重至少要有一项大于 0，例如 { onTime: 40, faceToFace: 30, satisfaction: 20, delivery: 10 }',
} as const;

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, texts.time);
const count = (min: number, max: number) => z.number().int().min(min).max(max);

const schema = z.strictObject({
  quietHours: z.strictObject({ from: time, to: time }),
  digest: z.strictObject({ enabled: z.boolean(), at: time, maxItemsPerSection: count(1, 100) }),
  escalation: z.strictObject({
    leaderAfterWorkdays: count(0, 60),
    key: z.strictObject({ divisionHeadWhenDueSoon: z.boolean(), leaderAfterWorkdays: count(0, 60) }),
  }),
  weekly: z.strictObject({
    enabled: z.boolean(),
    weekday: z.number({ error: texts.weekday }).refine((n) => Number.isInteger(n) && n >= 1 && n <= 7, texts.weekday),
    at: time,
    groupRobot: z.boolean(),
    overdueListLimit: count(0, 50),
    keyListLimit: count(0, 50),
  }),
  monthly: z.strictObject({
    enabled: z.boolean(),
    at: time,
    groupRobot: z.boolean(),
    toCoordinators: z.boolean(),
    longOverdueWorkdays: count(1, 120),
    listLimit: count(0, 50),
    scoreWeights: z
      .strictObject({ onTime: z.number().min(0), faceToFace: z.number().min(0), satisfaction: z.number().min(0), delivery: z.number().min(0) })
      .refine((w) => w.onTime + w.faceToFace + w.satisfaction + w.delivery > 0, texts.weights),
  }),
  notices: z.strictObject({
    enabled: z.boolean(),
    cron: z.string().refine((s) => cron.validate(s), texts.cron),
    lookbackHours: count(0, 24 * 31),
  }),
  runs: z.strictObject({ leaseSeconds: count(10, 24 * 3600), retryMinutes: count(1, 24 * 60), maxAttempts: count(1, 100) }),
});

export type SchedulesConfig = z.infer<typeof schema>;
export type EscalationPolicy = SchedulesConfig['escalation'];
export type ScoreWeights = SchedulesConfig['monthly']['scoreWeights'];

export class SchedulesConfigError extends AppError {
  constructor(message: string) {
    super('config.schedules', message);
  }
}

/** Parses and validates the file's text; throws one error listing every problem. */
export function parseSchedulesConfig(text: string, path = DEFAULT_SCHEDULES_PATH): SchedulesConfig {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    throw new SchedulesConfigError(texts.notYaml(path, (e as Error).message));
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `- ${i.path.join('.') || '(顶层)'}：${issueText(i)}`);
    throw new SchedulesConfigError([texts.header(path), ...lines].join('\n'));
  }
  return result.data;
}

export function loadSchedulesConfig(path = DEFAULT_SCHEDULES_PATH): SchedulesConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new SchedulesConfigError(texts.unreadable(path));
  }
  return parseSchedulesConfig(text, path);
}

/** 'HH:MM' → minutes after midnight. */
export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The schedules as this instance can carry them out: without a group robot webhook the weekly and
 * monthly summaries go to the leaders by app message only, and nothing is queued for the robot
 * (it could never be delivered, and every failure would trip the failed-messages alert).
 */
export function withGroupRobot(config: SchedulesConfig, webhookConfigured: boolean): SchedulesConfig {
  if (webhookConfigured) return config;
  return { ...config, weekly: { ...config.weekly, groupRobot: false }, monthly: { ...config.monthly, groupRobot: false } };
}
