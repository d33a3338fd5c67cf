/**
 * The core services every process needs (web, bot, jobs, CLI, console chat), built once on an
 * open database connection. Transports and schedules are wired on top of this in service.ts.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { loadWorkCalendar } from '../config/calendar.config.js';
import type { Env } from '../config/env.js';
import { createNoticePublisher } from '../conversation/notify.js';
import { loadLedgerConfig } from '../config/ledger.config.js';
import { LedgerService } from '../domain/ledger.service.js';
import type { DialogRows } from '../domain/dialog.port.js';
import type { Proposal } from '../domain/model.js';
import { systemClock, type Clock } from '../domain/ports.js';
import type { CoreServices } from '../domain/services.js';
import { SimilarService } from '../domain/similar/similar.service.js';
import { bigramTokenizer } from '../domain/similar/tokenize.js';
import type { Logger } from '../shared/logger.js';
import { AUDIT_NOTES } from '../present/audit-notes.js';
import type { Outbox } from '../outbox/outbox.js';
import { connectDb, disconnectDb, ensureIndexes } from '../store/db.js';
import { startEmbeddedDb, type EmbeddedDb } from '../store/embedded-db.js';
import { createDialogRows } from '../store/dialog.repository.js';
import { createLedgerStore } from '../store/ledger-store.js';

export interface CoreOptions {
  clock?: Clock;
  /** Folder holding ledger.yaml and holidays.yaml; default ./config. */
  configDir?: string;
  /** Where the ledger's notices are queued as changes are stored; without it only the notices job tells people. */
  outbox?: Pick<Outbox, 'enqueue'>;
  /** Where the notices note each person's newest card; default the database's. */
  dialogs?: DialogRows;
  /** Whether members are not to be disturbed at this instant (quiet hours); default never. */
  isQuiet?: (at: Date) => boolean;
  /** The ledger's adapters, when the caller also runs their lifecycle (following the change feed); default new ones. */
  store?: Pick<CoreServices, 'proposals' | 'directory' | 'view'>;
}

/** Builds the ledger services. Expects mongoose to be connected already. */
export function createCoreServices(options: CoreOptions = {}): CoreServices {
  const configDir = options.configDir ?? 'config';
  const clock = options.clock ?? systemClock;
  const calendar = loadWorkCalendar(join(configDir, 'holidays.yaml'));
  const ledgerConfig = loadLedgerConfig(join(configDir, 'ledger.yaml'));
  const { proposals, directory, view } = options.store ?? createLedgerStore();
  const similar = new SimilarService({ source: proposals, clock, tokenize: bigramTokenizer });
  const outbox = options.outbox;
  const publisher = outbox
    ? createNoticePublisher({ core: () => core, enqueue: (m) => outbox.enqueue(m), dialogs: options.dialogs ?? createDialogRows() })
    : undefined;
  const notices = publisher ? { published: (p: Proposal) => publisher.publishNow(p, { members: !options.isQuiet?.(clock.now()) }) } : undefined;
  const ledger = new LedgerService({
    proposals,
    view,
    directory,
    clock,
    calendar,
    policy: ledgerConfig,
    newId: randomUUID,
    notes: AUDIT_NOTES,
    onStored: (stored) => similar.note(stored),
    notices,
  });
  const core: CoreServices = { clock, calendar, ledgerConfig, proposals, directory, view, ledger, similar };
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
