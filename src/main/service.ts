/**
 * The running service: wires channels, conversation, jobs and the web console onto the core
 * services, as the process's ROLES ask. main.ts calls this; tests start it in-process too.
 *
 * Scale-out: every instance serves HTTP and runs an inbox drainer (callbacks are kept in the
 * database's inbox, so any instance may take any of them, and take over what a dead one left). The AI-bot connection, the scheduler and the outbox worker
 * run on ONE instance, the leader (ops/leader.ts), because WeCom keeps only one bot connection
 * per bot and the worker pushes through that connection. (The worker would be safe anywhere,
 * as it claims each message by a unique insert, but elsewhere it could not reach bot chats.)
 */
import Koa from 'koa';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCoreServices, openDatabase } from './core.js';
import { seedDemoLedger, syncDirectory } from './bootstrap.js';
import type { PushSender } from '../channels/contract.js';
import { createGroupRobotSender } from '../channels/group-robot/robot.sender.js';
import { createWebSimChannel } from '../channels/web-sim/web-sim.channel.js';
import { createAppPushSender } from '../channels/wecom-app/app-messages.js';
import { appInboxChannel, createWecomAppRouter } from '../channels/wecom-app/callback.router.js';
import { createWecomApiClient } from '../channels/wecom-api/client.js';
import { botInboxChannel, startWecomBot, type WecomBot } from '../channels/wecom-bot/bot.channel.js';
import { loadWecomConfig, type WecomConfig } from '../channels/wecom.config.js';
import { calendarCoverageWarnings } from '../config/calendar.config.js';
import type { Env } from '../config/env.js';
import { loadSchedulesConfig, withGroupRobot } from '../config/schedules.config.js';
import { startInbox } from '../conversation/inbox.js';
import { createConversation } from '../conversation/index.js';
import { currentNotice, supersededNotice } from '../conversation/notify.js';
import type { Clock } from '../domain/ports.js';
import type { CoreServices } from '../domain/services.js';
import { startScheduler, type Scheduler } from '../jobs/scheduler.js';
import { isQuiet } from '../jobs/due-runs.js';
import { pingDatabase } from '../store/db.js';
import { startDbWatchdog } from '../store/db-watchdog.js';
import { createReadiness } from '../ops/health.js';
import { startHousekeeping, type Housekeeping, type PurgeTask } from '../ops/housekeeping.js';
import { opsRouter, requestContext } from '../ops/http.js';
import { startLeaderElection, type Leader } from '../ops/leader.js';
import type { Logger } from '../shared/logger.js';
import { countWecomApiError, createMetrics, instrumentHandler, instrumentSender, type Metrics } from '../ops/metrics.js';
import { loadOpsConfig, type OpsConfig } from '../ops/ops.config.js';
import { closeServer, createInFlight } from '../ops/shutdown.js';
import { MongoInboxStore } from '../store/inbox.store.js';
import { createDialogRows } from '../store/dialog.repository.js';
import { createEvidenceStore } from '../store/evidence.store.js';
import { createJobRunStore } from '../store/job-run.repository.js';
import { createLeaseStore } from '../store/lease.repository.js';
import { createMetricSnapshotStore } from '../store/metric-snapshot.repository.js';
import { createLedgerStore } from '../store/ledger-store.js';
import { CHANGE_LOG_KEEP_MS } from '../store/ledger-view.sync.js';
import { createOutboxStore } from '../store/outbox.repository.js';
import { createOutbox } from '../outbox/outbox.js';
import { startOutboxWorker, type OutboxWorker } from '../outbox/outbox.worker.js';
import { createJobsView } from '../web/jobs-view.js';
import { createAdminLink, createSessionKeeper, createWebRouter, webNotFound, webSecurityHeaders } from '../web/web.router.js';
import { createSessionRevocations } from '../store/session-revocation.repository.js';

export interface ServiceOptions {
  env: Env;
  log: Logger;
  clock?: Clock;
  /** WeCom settings; default read from the environment. */
  wecom?: WecomConfig;
  /** Ops settings (ops port, lease timings); default read from the environment. */
  ops?: OpsConfig;
}

export interface Service {
  core: CoreServices;
  /** The HTTP server when this process has the web role. */
  server?: Server;
  /** Port actually bound (PORT=0 picks a free one). */
  port?: number;
  /** A one-time sign-in link for the web console, when WeCom sign-in is not configured. */
  adminLink?: string;
  /** The internal listener for /metrics, /healthz, /readyz, and its port. */
  opsServer?: Server;
  opsPort?: number;
  /** The AI-bot connection, while this instance is the leader. */
  readonly bot?: WecomBot;
  /** Present when this process has duties only one instance may hold (bot, jobs). */
  leader?: Leader;
  metrics: Metrics;
  /** Stops taking work, finishes what is in flight, hands over the lease, closes the database. */
  stop(): Promise<void>;
}

export async function startService(o: ServiceOptions): Promise<Service> {
  const { env, log } = o;
  const wecom = o.wecom ?? loadWecomConfig();
  const ops = o.ops ?? loadOpsConfig();
  const db = await openDatabase(env, log);
  log.info({ kind: db.kind }, db.kind === 'external' ? '使用 MONGODB_URI 指定的数据库' : `已启动内置数据库（${db.kind}），数据保存在 ${env.dataDir}`);
  const dbWatchdog = startDbWatchdog({ uri: db.uri, log });
  let worker: OutboxWorker | undefined;
  const outboxStore = createOutboxStore();
  const jobRuns = createJobRunStore();
  const snapshots = createMetricSnapshotStore();
  const dialogs = createDialogRows();
  const outbox = createOutbox({ store: outboxStore, onEnqueue: () => worker?.wake() });
  const schedules = loadSchedulesConfig();
  const store = createLedgerStore();
  const core = createCoreServices({ ...(o.clock ? { clock: o.clock } : {}), outbox, dialogs, isQuiet: (at) => isQuiet(at, schedules.quietHours), store });
  for (const warning of calendarCoverageWarnings(core.calendar, core.clock.now())) log.warn(warning);
  await syncDirectory(core, log);
  const loadStarted = Date.now();
  const view = await core.view.current();
  log.info({ proposals: view.size, ms: Date.now() - loadStarted }, 'ledger view loaded');
  store.view.follow(log);
  store.proposals.materializer.start(log);
  const demo = !wecom.app && !wecom.bot;
  if (demo) await seedDemoLedger(core, log);

  const has = (role: Env['roles'][number]) => env.roles.includes(role);
  const metrics = createMetrics({ outbox: outboxStore, jobRuns });
  const inFlight = createInFlight();
  let stopping = false;
  let bot: WecomBot | undefined;
  let scheduler: Scheduler | undefined;
  let housekeeping: Housekeeping | undefined;
  const conversation = instrumentHandler(
    createConversation({ core, log, outbox, dialogs, evidence: createEvidenceStore(), options: { publicUrl: env.publicUrl } }),
    metrics,
    inFlight,
  );
  const api = wecom.app && createWecomApiClient(wecom.app, { log, onError: countWecomApiError(metrics) });
  const webSim = createWebSimChannel(conversation);
  const inboxStore = new MongoInboxStore();
  // Every instance keeps and handles what it acknowledges, and takes over what a dead one left.
  const inbox = startInbox({
    store: inboxStore,
    handler: conversation,
    channels: { 'wecom-app': appInboxChannel(api || undefined), 'wecom-bot': botInboxChannel },
    outbox,
    owner: ops.instanceId,
    log,
    leaseMs: ops.inboxLeaseMs,
    concurrency: ops.inboxConcurrency,
    onOpenCount: (n) => metrics.inboundUnfinished.set(n),
  });
  const { retention } = ops;
  const purges: PurgeTask[] = [
    // Rows the ledger views have read; kept minutes only, purged every minute.
    { name: 'change_log', keepMs: CHANGE_LOG_KEEP_MS, everyMs: 60_000, purge: (before) => store.changes.purge(before) },
    { name: 'inbox', keepMs: retention.inboxMs, purge: (before) => inboxStore.purge(before) },
    { name: 'outbox_messages', keepMs: retention.outboxMs, purge: outboxStore.purgeFinished },
    { name: 'outbox_claims', keepMs: retention.outboxClaimsMs, purge: outboxStore.purgeClaims },
    { name: 'job_runs', keepMs: retention.jobRunsMs, purge: jobRuns.purge },
    { name: 'chat_dialogs', keepMs: retention.dialogsMs, purge: dialogs.purgeExpired },
    { name: 'metric_snapshots', keepMs: retention.snapshotsMs, purge: snapshots.purge },
  ];

  const botDuty = has('bot') && wecom.bot !== undefined;
  const duties = [...(botDuty ? ['bot'] : []), ...(has('jobs') ? ['jobs'] : [])];
  function startDuties(): void {
    if (botDuty) bot = startWecomBot({ config: wecom.bot!, inbox, log });
    if (has('jobs')) {
      // The simulator goes last: it takes any user recipient, so earlier it would catch WeCom's messages.
      const senders: PushSender[] = [
        ...(api ? [createAppPushSender(api)] : []),
        ...(bot ? [bot.sender] : []),
        ...(wecom.robot ? [createGroupRobotSender(wecom.robot)] : []),
        webSim,
      ].map((sender) => instrumentSender(sender, metrics));
      worker = startOutboxWorker({
        store: outboxStore,
        senders,
        log,
        superseded: supersededNotice(() => core, outboxStore.listByKeyPrefix),
        current: currentNotice(() => core, outboxStore.listByKeyPrefix),
      });
      scheduler = startScheduler({
        core,
        outbox,
        jobRuns,
        snapshots,
        dialogs,
        log,
        clock: core.clock,
        config: withGroupRobot(schedules, wecom.robot !== undefined),
        owner: ops.instanceId,
      });
    }
    housekeeping = startHousekeeping({ tasks: purges, log });
    metrics.isLeader.set(1);
  }
  async function stopDuties(): Promise<void> {
    metrics.isLeader.set(0);
    await housekeeping?.stop();
    await scheduler?.stop();
    await worker?.stop();
    bot?.stop();
    [housekeeping, scheduler, worker, bot] = [undefined, undefined, undefined, undefined];
  }
  const leader =
    duties.length > 0
      ? startLeaderElection({
          leases: createLeaseStore(),
          name: duties.join('+'),
          instanceId: ops.instanceId,
          ttlMs: ops.leaseTtlMs,
          renewMs: ops.leaseRenewMs,
          log,
          onElected: startDuties,
          onDemoted: stopDuties,
        })
      : undefined;
  await leader?.ready;

  const readiness = createReadiness({
    pingDatabase,
    stopping: () => stopping,
    bot: () => ({ configured: botDuty, ...(bot && { state: bot.state() }) }),
  });

  let opsServer: Server | undefined;
  let opsPort: number | undefined;
  if (ops.opsPort !== undefined) {
    const opsApp = new Koa();
    logErrors(opsApp, log);
    const router = opsRouter({ readiness, metrics });
    opsApp.use(router.routes()).use(router.allowedMethods());
    opsServer = await listen(opsApp, ops.opsPort);
    opsPort = (opsServer.address() as AddressInfo).port;
  }

  let server: Server | undefined;
  let port: number | undefined;
  let adminLink: string | undefined;
  if (has('web')) {
    const app = new Koa();
    app.proxy = ops.trustProxy;
    logErrors(app, log);
    app.use(webSecurityHeaders(env.publicUrl));
    app.use(requestContext(log, metrics));
    const health = opsRouter({ readiness });
    app.use(health.routes());
    if (api && wecom.app) {
      const callback = createWecomAppRouter({ config: wecom.app, inbox, api, log });
      app.use(callback.routes()).use(callback.allowedMethods());
    }
    const sessions = createSessionKeeper(ops.sessionSecret);
    const web = createWebRouter({
      core,
      log,
      conversation,
      webSim,
      outbox,
      jobs: createJobsView(jobRuns, { core, config: schedules }),
      scoreWeights: schedules.monthly.scoreWeights,
      auth: {
        sessions,
        revocations: createSessionRevocations(),
        publicUrl: env.publicUrl,
        wecom: api && wecom.app && { corpId: wecom.app.corpId, agentId: wecom.app.agentId, api },
      },
    });
    app.use(web.routes()).use(web.allowedMethods());
    app.use(webNotFound());
    server = await listen(app, env.port);
    port = (server.address() as AddressInfo).port;
    const base = env.publicUrl ?? `http://localhost:${port}`;
    log.info({ port, opsPort, instance: ops.instanceId, leader: leader?.isLeader() ?? false }, `提案通已启动：${base}/`);
    if (wecom.app && !env.publicUrl)
      log.warn('WeCom sign-in to the web console is off: set PUBLIC_URL to the address people open (e.g. https://tiantong.example.cn)');
    if (!wecom.app) {
      adminLink = createAdminLink(sessions, base, '/sim');
      log.info(`未配置企业微信：请用浏览器打开聊天模拟器（一次性管理员登录链接，30 分钟内有效）：${adminLink}`);
    }
  } else {
    log.info({ opsPort, instance: ops.instanceId, leader: leader?.isLeader() ?? false }, '提案通已启动（无 web 角色）');
  }

  return {
    core,
    server,
    port,
    adminLink,
    opsServer,
    opsPort,
    get bot() {
      return bot;
    },
    leader,
    metrics,
    async stop() {
      stopping = true;
      const t0 = Date.now();
      const left = () => Math.max(0, ops.shutdownGraceMs - (Date.now() - t0));
      // 1. No new requests; those being served finish.
      if (server) await closeServer(server, left());
      // 2. Messages being handled (callbacks are handled after their 200) finish, replies included;
      //    those still queued are released to another instance or the next start.
      await Promise.race([inbox.stop(), new Promise((r) => setTimeout(r, left()).unref())]);
      const drained = await inFlight.idle(left());
      if (!drained) log.warn({ inFlight: inFlight.count() }, 'stopping with messages still being handled');
      // 3. Scheduler, outbox worker (after its message in hand), bot socket; the lease handed over.
      await leader?.stop();
      if (opsServer) await closeServer(opsServer, 1000);
      // Proposal documents behind their revisions are written now if time allows, else at the next start.
      await Promise.race([store.proposals.materializer.stop(), new Promise((r) => setTimeout(r, left()).unref())]);
      await store.view.stop();
      await dbWatchdog.stop();
      await db.close();
      log.info({ ms: Date.now() - t0 }, '服务已停止');
    },
  };
}

/** Slow or stalled clients are cut off instead of holding a socket for Node's default 5 minutes. */
const REQUEST_TIMEOUT_MS = 60_000;
const HEADERS_TIMEOUT_MS = 20_000;

function listen(app: Koa, port: number): Promise<Server> {
  return new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, '0.0.0.0', () => resolve(s));
    s.requestTimeout = REQUEST_TIMEOUT_MS;
    s.headersTimeout = HEADERS_TIMEOUT_MS;
    s.once('error', reject);
  });
}

/** Koa prints unhandled request errors to stderr by default; they belong in the JSON log. */
function logErrors(app: Koa, log: Logger): void {
  app.on('error', (err: Error & { status?: number; expose?: boolean }, ctx?: Koa.Context) => {
    const clientFault = (err.status !== undefined && err.status < 500) || err.message === 'aborted' || (err as { code?: string }).code === 'ECONNRESET';
    log[clientFault ? 'info' : 'error'](
      { err: { name: err.name, message: err.message, ...(clientFault ? {} : { stack: err.stack }) }, path: ctx?.path },
      'http request error',
    );
  });
}
