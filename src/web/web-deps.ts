/** What the web console needs from the rest of the service, and the request state it keeps. */
import type { CoreServices } from '../domain/services.js';
import type { ScoreWeights } from '../config/schedules.config.js';
import type { MessageHandler } from '../channels/contract.js';
import type { Logger } from '../shared/logger.js';
import type { WebSimChannel } from '../channels/web-sim/web-sim.channel.js';
import type { SessionRevocations } from '../domain/session.port.js';
import type { SessionKeeper } from './session.js';
import type { Viewer } from './viewer.js';
import type { WecomLoginConfig } from './wecom-login.js';
import type { Outbox } from '../outbox/outbox.js';

/** One run of a scheduled job, as the jobs engineer records it; shown as-is. */
export interface JobRunRow {
  job: string;
  period?: string;
  status: string;
  startedAt?: Date;
  finishedAt?: Date;
  error?: string;
  summary?: string;
}

/** One scheduled job as configured: when it runs, its next run, and what it would send now. */
export interface ScheduleRow {
  job: string;
  enabled: boolean;
  /** When it runs, in words. */
  when: string;
  nextRun?: Date;
  /** The period the next run reports on. */
  period?: string;
  /** What the job would send if it ran now (the summary text, or the first digest). */
  preview?: string;
}

export interface JobsView {
  listJobRuns(): Promise<JobRunRow[]>;
  /** Each schedule with its next run and a preview, when this process knows the schedules. */
  listSchedules?(): Promise<ScheduleRow[]>;
}

export interface WebAuthOptions {
  sessions: SessionKeeper;
  /** Where sign-outs are recorded, shared by every instance. */
  revocations: SessionRevocations;
  /** Set when the WeCom app is configured: sign-in goes through WeCom OAuth. */
  wecom?: WecomLoginConfig;
  /** Base URL people reach the service at: the only origin the WeCom sign-in redirects to (required for it). */
  publicUrl?: string;
}

export interface WebOptions {
  /** All of them (the ledger pages read every one); each route takes its slice (WebPart). */
  core: CoreServices;
  log: Logger;
  conversation?: MessageHandler;
  outbox?: Pick<Outbox, 'listOutbox' | 'retryOutbox'>;
  jobs?: JobsView;
  auth: WebAuthOptions;
  /** The simulator's channel; created from `conversation` when not given. Give it to the outbox worker as a PushSender. */
  webSim?: WebSimChannel;
  /** The bureau's own name for the ledger export (主办单位); default from the directory file. */
  bureau?: string;
  /** Weights of a division's 月调度 score; default from config/schedules.yaml. */
  scoreWeights?: ScoreWeights;
  /** Reply letter template; default config/reply-letter.yaml. */
  letterConfigPath?: string;
  /** Work report template; default config/work-report.yaml. */
  reportConfigPath?: string;
}

/**
 * What one part of the console reads: the options `O` and, of the core services, only `C`, so
 * each part's needs show in its signature.
 */
export type WebPart<C extends keyof CoreServices, O extends keyof WebOptions = never> = Pick<WebOptions, O> & { core: Pick<CoreServices, C> };

declare module 'koa' {
  interface DefaultState {
    viewer?: Viewer;
    /** The urlencoded form of a POST, read once by the CSRF check. */
    form?: Record<string, string>;
  }
}
