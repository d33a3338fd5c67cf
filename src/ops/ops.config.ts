/**
 * Operations settings, read from the environment and validated with zod (the base settings are
 * in config/env.ts): the metrics/health listener, the leader lease timings, this instance's id
 * the session secret that instances behind one load balancer share, and whether a proxy's
 * forwarding headers are believed.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import { parseEnvVars } from '../config/env.js';

export interface OpsConfig {
  /** Port of the internal listener serving /metrics, /healthz and /readyz; 0 picks a free one; undefined = off. */
  opsPort?: number;
  /** Names this process in the lease and in job runs. */
  instanceId: string;
  /** How long a leader's term lasts without renewal. */
  leaseTtlMs: number;
  /** How often the leader renews and the others look for an expired lease. */
  leaseRenewMs: number;
  /** How long shutdown waits for in-flight requests and messages. */
  shutdownGraceMs: number;
  /** Lease on an inbox entry: another instance takes it over this long after its owner went silent. */
  inboxLeaseMs: number;
  /** Inbox entries handled at once per instance. */
  inboxConcurrency: number;
  /** How long each operational collection keeps its rows (housekeeping purges older ones), in ms. */
  retention: Retention;
  /**
   * Signs web console sessions. Instances behind one load balancer must share it, or a person
   * signed in on one instance is sent to sign in again by the next. Unset: random per process.
   */
  sessionSecret?: Buffer;
  /**
   * Believe X-Forwarded-For/-Proto/-Host: only behind a reverse proxy that sets them. Otherwise
   * any caller could claim another address or HTTPS.
   */
  trustProxy: boolean;
}

/** Retention per operational collection; the audit trail and revisions are never purged. */
export interface Retention {
  /** Handled inbox entries (a retry of a message still here is answered as a duplicate). */
  inboxMs: number;
  /** Sent and failed outbox messages. */
  outboxMs: number;
  /** Outbox claim rows (needed only while a message is being delivered). */
  outboxClaimsMs: number;
  /** Finished and failed job runs. */
  jobRunsMs: number;
  /** Chat dialogs (guided steps, photo windows) past their expiry. */
  dialogsMs: number;
  /** Weekly metric snapshots (the summaries' "较上周" and the metrics page's trend). */
  snapshotsMs: number;
}

const DAY_MS = 86_400_000;

const blankAsUnset = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema);
const ms = (dflt: number, min: number, example: string) =>
  blankAsUnset(
    z.coerce
      .number({ error: `必须是毫秒数，例如 ${example} / must be milliseconds, e.g. ${example}` })
      .int(`必须是整数，例如 ${example} / must be an integer`)
      .min(min, `不能小于 ${min} / must be at least ${min}`)
      .default(dflt),
  );

const days = (dflt: number, example: string) =>
  blankAsUnset(
    z.coerce
      .number({ error: `必须是天数，例如 ${example} / must be a number of days, e.g. ${example}` })
      .positive(`必须大于 0，例如 ${example} / must be more than 0`)
      .default(dflt),
  );

const schema = z
  .object({
    OPS_PORT: blankAsUnset(
      z
        .union([z.literal('off'), z.coerce.number().int().min(0).max(65535)], {
          error: '必须是 0–65535 的端口号或 off，例如 OPS_PORT=9464 / must be a port 0–65535 or off',
        })
        .default(9464),
    ),
    INSTANCE_ID: blankAsUnset(
      z
        .string()
        .regex(/^[\w.-]{1,64}$/, '只能用字母、数字、点、横线，例如 INSTANCE_ID=tiantong-1 / letters, digits, dot, dash only')
        .optional(),
    ),
    LEASE_TTL_MS: ms(20_000, 500, 'LEASE_TTL_MS=20000'),
    LEASE_RENEW_MS: ms(5_000, 100, 'LEASE_RENEW_MS=5000'),
    SHUTDOWN_GRACE_MS: ms(10_000, 0, 'SHUTDOWN_GRACE_MS=10000'),
    INBOX_LEASE_MS: ms(10_000, 200, 'INBOX_LEASE_MS=10000'),
    INBOX_CONCURRENCY: blankAsUnset(
      z.coerce
        .number({ error: '必须是 1–64 的整数，例如 INBOX_CONCURRENCY=4 / must be an integer 1–64' })
        .int('必须是整数，例如 INBOX_CONCURRENCY=4 / must be an integer')
        .min(1, '不能小于 1 / must be at least 1')
        .max(64, '不能大于 64 / must be at most 64')
        .default(4),
    ),
    INBOX_RETENTION_DAYS: days(2, 'INBOX_RETENTION_DAYS=2'),
    OUTBOX_RETENTION_DAYS: days(30, 'OUTBOX_RETENTION_DAYS=30'),
    OUTBOX_CLAIMS_RETENTION_DAYS: days(1, 'OUTBOX_CLAIMS_RETENTION_DAYS=1'),
    JOB_RUNS_RETENTION_DAYS: days(180, 'JOB_RUNS_RETENTION_DAYS=180'),
    DIALOGS_RETENTION_DAYS: days(1, 'DIALOGS_RETENTION_DAYS=1'),
    SNAPSHOTS_RETENTION_DAYS: days(800, 'SNAPSHOTS_RETENTION_DAYS=800'),
    TRUST_PROXY: blankAsUnset(
      z
        .enum(['true', 'false', '1', '0'], { error: '只能是 true 或 false，例如 TRUST_PROXY=true / must be true or false' })
        .default('false')
        .transform((v) => v === 'true' || v === '1'),
    ),
    SESSION_SECRET: blankAsUnset(
      z.string().min(32, '至少 32 个字符，例如用 openssl rand -hex 32 生成 / at least 32 characters, e.g. from openssl rand -hex 32').optional(),
    ),
  })
  .refine((v) => v.LEASE_RENEW_MS * 2 <= v.LEASE_TTL_MS, {
    path: ['LEASE_RENEW_MS'],
    message: '续约间隔最多为租约时长的一半 / must be at most half of LEASE_TTL_MS, so one missed renewal is survived',
  });

/** @throws Error listing every invalid variable (never echoing values). */
export function loadOpsConfig(env: NodeJS.ProcessEnv = process.env): OpsConfig {
  const v = parseEnvVars(schema, env);
  return {
    ...(v.OPS_PORT !== 'off' && { opsPort: v.OPS_PORT }),
    // Unique per process, so a restarted instance never mistakes its predecessor's term for its own.
    instanceId: v.INSTANCE_ID ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
    leaseTtlMs: v.LEASE_TTL_MS,
    leaseRenewMs: v.LEASE_RENEW_MS,
    shutdownGraceMs: v.SHUTDOWN_GRACE_MS,
    inboxLeaseMs: v.INBOX_LEASE_MS,
    inboxConcurrency: v.INBOX_CONCURRENCY,
    retention: {
      inboxMs: v.INBOX_RETENTION_DAYS * DAY_MS,
      outboxMs: v.OUTBOX_RETENTION_DAYS * DAY_MS,
      outboxClaimsMs: v.OUTBOX_CLAIMS_RETENTION_DAYS * DAY_MS,
      jobRunsMs: v.JOB_RUNS_RETENTION_DAYS * DAY_MS,
      dialogsMs: v.DIALOGS_RETENTION_DAYS * DAY_MS,
      snapshotsMs: v.SNAPSHOTS_RETENTION_DAYS * DAY_MS,
    },
    trustProxy: v.TRUST_PROXY,
    ...(v.SESSION_SECRET && { sessionSecret: Buffer.from(v.SESSION_SECRET, 'utf8') }),
  };
}
