/**
 * The core services every process needs (web, bot, jobs, CLI, console chat), built once on an
 * open database connection. Transports and schedules are wired on top of this in main.ts.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { loadWorkCalendar } from './config/calendar.config.js';
import type { Env } from './config/env.js';
import type { OutboxPort } from './conversation/context.js';
import { createNoticePublisher } from './conversation/notify.js';
import { loadLedgerConfig, type LedgerConfig } from './config/ledger.config.js';
import type { WorkCalendar } from './domain/calendar.js';
import { LedgerService } from './domain/ledger.service.js';
import type { Proposal } from './domain/model.js';
import { systemClock, type Clock } from './domain/ports.js';
import { SimilarService } from './domain/similar/similar.service.js';
import { bigramTokenizer } from './domain/similar/tokenize.js';
import type { Logger } from './ops/logger.js';
import { connectDb, disconnectDb, ensureIndexes } from './store/db.js';
import type { ChangeLog } from './store/change-log.js';
import type { MongoDirectoryRepository } from './store/directory.repository.js';
import { startEmbeddedDb, type EmbeddedDb } from './store/embedded-db.js';
import { createLedgerStore } from './store/ledger-store.js';
import type { LedgerViewSync } from './store/ledger-view.sync.js';
import type { MongoProposalRepository } from './store/proposal.repository.js';

export interface CoreServices {
  clock: Clock;
  calendar: WorkCalendar;
  ledgerConfig: LedgerConfig;
  proposals: MongoProposalRepository;
  directory: MongoDirectoryRepository;
  /** The in-memory ledger view every list, metric and summary reads. */
  view: LedgerViewSync;
  changes: ChangeLog;
  ledger: LedgerService;
  similar: SimilarService;
}

export interface CoreOptions {
  clock?: Clock;
  /** Folder holding ledger.yaml and holidays.yaml; default ./config. */
  configDir?: string;
  /** Where the ledger's notices are queued as changes are stored; without it only the notices job tells people. */
  outbox?: OutboxPort;
  /** Whether members are not to be disturbed at this instant (quiet hours); default never. */
  isQuiet?: (at: Date) => boolean;
}

/** Builds the ledger services. Expects mongoose to be connected already. */
export function createCoreServices(options: CoreOptions = {}): CoreServices {
  const configDir = options.configDir ?? 'config';
  const clock = options.clock ?? systemClock;
  const calendar = loadWorkCalendar(join(configDir, 'holidays.yaml'));
  const ledgerConfig = loadLedgerConfig(join(configDir, 'ledger.yaml'));
  const { proposals, directory, view, changes } = createLedgerStore();
  const similar = new SimilarService({ source: proposals, clock, tokenize: bigramTokenizer });
  const outbox = options.outbox;
  const publisher = outbox ? createNoticePublisher({ core: () => core, enqueue: (m) => outbox.enqueue(m) }) : undefined;
  const notices = publisher ? { published: (p: Proposal) => publisher.publishNow(p, { members: !options.isQuiet?.(clock.now()) }) } : undefined;
  const ledger = new LedgerService({
    proposals,
    view,
    directory,
    clock,
    calendar,
    policy: ledgerConfig,
    newId: randomUUID,
    onStored: (stored) => similar.note(stored),
    notices,
  });
  const core: CoreServices = { clock, calendar, ledgerConfig, proposals, directory, view, changes, ledger, similar };
  return core;
}

export interface OpenDatabase {
  uri: string;
  /** 'external' when MONGODB_URI was given. */
  kind: EmbeddedDb['kind'] | 'external';
  close(): Promise<void>;
}

/**
 * Connects to MONGODB_URI, or starts the embedded database under DATA_DIR when it is unset,
 * and makes every model's indexes match its schema.
 */
export async function openDatabase(env: Env, log: Logger): Promise<OpenDatabase> {
  let embedded: EmbeddedDb | undefined;
  let uri = env.mongodbUri;
  if (!uri) {
    embedded = await startEmbeddedDb({ dataDir: env.dataDir, log, ferretdbBackend: env.ferretdbBackend });
    uri = embedded.uri;
  }
  await connectDb(uri, { log });
  await ensureIndexes();
  return {
    uri,
    kind: embedded?.kind ?? 'external',
    async close() {
      await disconnectDb();
      await embedded?.stop();
    },
  };
}
