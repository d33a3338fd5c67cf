/**
 * Loads config/ledger.yaml: deadlines per kind of case (政协提案 / 人大代表建议, then 协办 and 重点)
 * and the metric definitions, which may also differ per kind.
 * A bad file stops startup with every problem listed, since a wrong rule would silently
 * move every due date in the ledger.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { MetricsPolicy } from '../domain/metrics.js';
import { CONTACT_METHODS, MILESTONES } from '../domain/model.js';
import type { LedgerPolicy } from '../domain/workflow.js';
import { AppError } from '../shared/app-error.js';
import { issueText } from './config-issues.js';

export const DEFAULT_LEDGER_CONFIG_PATH = 'config/ledger.yaml';

const rule = z.strictObject({
  amount: z.number().int().min(0).max(366),
  unit: z.enum(['day', 'workday', 'month']),
  from: z.enum(['received', 'assigned', 'replied', 'reopened']),
});

const rules = z.strictObject(Object.fromEntries(MILESTONES.map((m) => [m, rule])) as Record<(typeof MILESTONES)[number], typeof rule>);

const definitions = z.strictObject({
  satisfiedRatings: z.array(z.enum(['satisfied', 'basic', 'dissatisfied'])).min(1),
  satisfactionBase: z.enum(['rated', 'replied']),
  faceToFaceConfirmedOnly: z.boolean(),
});

/** What differs for one kind of case (proposal 政协提案, suggestion 人大代表建议): any part of `T`. */
const perKind = <T extends z.ZodType>(each: T) => z.strictObject({ proposal: each.optional(), suggestion: each.optional() }).default({});

const schema = z.strictObject({
  deadlines: z.strictObject({
    default: rules,
    kinds: perKind(rules.partial()),
    key: rules.partial().default({}),
    co: rules.partial().default({}),
    reopenedReply: rule,
    dueSoonWorkdays: z.number().int().min(0).max(30),
    maxExtensionDays: z.number().int().min(1).max(366),
  }),
  faceToFaceMethods: z.array(z.enum(CONTACT_METHODS)),
  signing: z
    .strictObject({
      leaderInChargeOnly: z.boolean(),
      mainLeader: z.string().min(1).max(64).optional(),
    })
    .default({ leaderInChargeOnly: true }),
  undoMinutes: z.number().int().min(0).max(1440).default(10),
  metrics: definitions.extend({ kinds: perKind(definitions.partial()) }),
});

export type LedgerConfig = LedgerPolicy & { metrics: MetricsPolicy };

export class LedgerConfigError extends AppError {
  constructor(message: string) {
    super('config.ledger', message);
  }
}

/** Parses and validates the ledger rules; throws one error listing every problem (in Chinese). */
export function parseLedgerConfig(text: string, path = DEFAULT_LEDGER_CONFIG_PATH): LedgerConfig {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    throw new LedgerConfigError(`办理规则文件 ${path} 不是有效的 YAML：${(e as Error).message}`);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `- ${i.path.join('.') || '(顶层)'}：${issueText(i)}`);
    throw new LedgerConfigError(`办理规则文件 ${path} 有误：\n${lines.join('\n')}`);
  }
  return result.data;
}

export function loadLedgerConfig(path = DEFAULT_LEDGER_CONFIG_PATH): LedgerConfig {
  return parseLedgerConfig(readFileSync(path, 'utf8'), path);
}
