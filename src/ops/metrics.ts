/**
 * Prometheus metrics (prom-client), one registry per service so that several services in one
 * process (tests, the load bench) do not mix their figures. Counted at the seams:
 * - every inbound message and its handling time: `instrumentHandler` wraps the conversation;
 * - every message out: replies (through the same wrapper) and pushes (`instrumentSender`);
 * - WeCom API errors by path and errcode: the API client's `onError` hook;
 * - HTTP requests: ops/http.ts;
 * - the outbox backlog and failures and the job runs: read from the database at scrape time, so
 *   every instance reports the same shared truth whichever of them did the work.
 * Label values are bounded sets (channels, kinds, routes, errcodes): never user input.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { HandleOptions, InboundMessage, MessageHandler, PushSender } from '../channels/contract.js';
import type { ReplyFn } from '../shared/outbound.js';
import type { WecomApiError } from '../channels/wecom-api/errors.js';
import type { JobRunStore } from '../domain/job-run.port.js';
import type { OutboxStore } from '../domain/outbox.port.js';
import type { InFlight } from './shutdown.js';

export interface Metrics {
  registry: Registry;
  messagesIn: Counter<'channel' | 'kind'>;
  messagesOut: Counter<'channel' | 'via'>;
  handleSeconds: Histogram<'channel' | 'kind' | 'outcome'>;
  pushErrors: Counter<'channel'>;
  wecomApiErrors: Counter<'path' | 'errcode'>;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpSeconds: Histogram<'method' | 'route'>;
  isLeader: Gauge;
  inboundUnfinished: Gauge;
}

/** Scrape-time database reads give up after this, leaving the last values. */
const DB_READ_TIMEOUT_MS = 2000;

/** Where the scrape-time figures are read. */
export interface MetricSources {
  outbox: Pick<OutboxStore, 'countByStatus'>;
  jobRuns: Pick<JobRunStore, 'countByJobAndStatus'>;
}

export function createMetrics(sources: MetricSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tiantong_' });
  const registers = [registry];

  new Gauge({
    name: 'tiantong_outbox_messages',
    help: 'Outbox messages by status (backlog = pending + sending; failed = given up)',
    labelNames: ['status'],
    registers,
    async collect() {
      const counts = await sources.outbox.countByStatus(['pending', 'sending', 'failed'], DB_READ_TIMEOUT_MS).catch(() => undefined);
      if (counts) (['pending', 'sending', 'failed'] as const).forEach((status, i) => this.set({ status }, counts[i]!));
    },
  });
  new Gauge({
    name: 'tiantong_job_runs',
    help: 'Scheduled job runs recorded, by job and status',
    labelNames: ['job', 'status'],
    registers,
    async collect() {
      const rows = await sources.jobRuns.countByJobAndStatus(DB_READ_TIMEOUT_MS).catch(() => undefined);
      if (!rows) return;
      this.reset();
      for (const r of rows) this.set({ job: r.job, status: r.status }, r.n);
    },
  });

  return {
    registry,
    messagesIn: new Counter({
      name: 'tiantong_messages_in_total',
      help: 'Inbound messages handed to the conversation',
      labelNames: ['channel', 'kind'],
      registers,
    }),
    messagesOut: new Counter({
      name: 'tiantong_messages_out_total',
      help: 'Messages sent: replies to an inbound message, and pushes from the outbox',
      labelNames: ['channel', 'via'],
      registers,
    }),
    handleSeconds: new Histogram({
      name: 'tiantong_command_duration_seconds',
      help: 'Time to handle one inbound message (command), replies included',
      labelNames: ['channel', 'kind', 'outcome'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    pushErrors: new Counter({
      name: 'tiantong_outbox_push_errors_total',
      help: 'Failed outbox delivery attempts, by channel',
      labelNames: ['channel'],
      registers,
    }),
    wecomApiErrors: new Counter({
      name: 'tiantong_wecom_api_errors_total',
      help: 'WeCom API call failures by path and errcode (-2 network, -3 HTTP, -4 bad answer)',
      labelNames: ['path', 'errcode'],
      registers,
    }),
    httpRequests: new Counter({
      name: 'tiantong_http_requests_total',
      help: 'HTTP requests by route and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    httpSeconds: new Histogram({
      name: 'tiantong_http_request_duration_seconds',
      help: 'HTTP request duration by route',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    isLeader: new Gauge({ name: 'tiantong_leader', help: '1 while this instance holds the bot connection and the jobs', registers }),
    inboundUnfinished: new Gauge({
      name: 'tiantong_inbound_unfinished',
      help: 'Messages acknowledged but never finished (process died mid-handling), at the last housekeeping pass',
      registers,
    }),
  };
}

/** Counts and times each message, counts its replies, and lets shutdown wait for it. */
export function instrumentHandler(handler: MessageHandler, m: Metrics, inFlight: InFlight): MessageHandler {
  return {
    handle(message: InboundMessage, reply: ReplyFn, how?: HandleOptions) {
      const labels = { channel: message.channel, kind: message.kind };
      m.messagesIn.inc(labels);
      const end = m.handleSeconds.startTimer(labels);
      const counted: ReplyFn = async (body, sendHow) => {
        await reply(body, sendHow);
        m.messagesOut.inc({ channel: message.channel, via: 'reply' });
      };
      return inFlight.track(async () => {
        try {
          await handler.handle(message, counted, how);
          end({ outcome: 'ok' });
        } catch (err) {
          end({ outcome: 'error' });
          throw err;
        }
      });
    },
  };
}

/** Counts the pushes a sender delivers and the ones that fail. */
export function instrumentSender(sender: PushSender, m: Metrics): PushSender {
  return {
    name: sender.name,
    canDeliver: (to) => sender.canDeliver(to),
    async push(to, body, how) {
      try {
        // `how` carries "may have been sent already": dropped here, WeCom would show a resend twice.
        await sender.push(to, body, how);
      } catch (err) {
        m.pushErrors.inc({ channel: sender.name });
        throw err;
      }
      m.messagesOut.inc({ channel: sender.name, via: 'push' });
    },
  };
}

/** For the API client's `onError` hook. */
export const countWecomApiError = (m: Metrics) => (err: WecomApiError) => m.wecomApiErrors.inc({ path: err.path, errcode: String(err.errcode) });
