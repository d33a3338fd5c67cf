/**
 * A simulated bureau for the job tests: the ledger fixture's directory (plus the second leader
 * in charge), a clock the test moves by hand, the real core services, outbox and schedules, on
 * the test database's adapters or on the in-memory ones (test/support/memory-*.ts).
 */
import { createDialogRows } from '../../src/store/dialog.repository.js';
import { createJobRunStore } from '../../src/store/job-run.repository.js';
import { createMetricSnapshotStore } from '../../src/store/metric-snapshot.repository.js';
import { createOutboxStore } from '../../src/store/outbox.repository.js';
import { createCoreServices } from '../../src/main/core.js';
import type { CoreServices } from '../../src/domain/services.js';
import type { DialogRows } from '../../src/domain/dialog.port.js';
import type { JobRunStore } from '../../src/domain/job-run.port.js';
import type { MetricSnapshotStore } from '../../src/domain/metric-snapshot.port.js';
import type { OutboxStore } from '../../src/domain/outbox.port.js';
import { loadSchedulesConfig, type SchedulesConfig } from '../../src/config/schedules.config.js';
import type { Command } from '../../src/domain/commands.js';
import type { Person, Proposal } from '../../src/domain/model.js';
import type { NewProposal } from '../../src/domain/ports.js';
import { isQuiet } from '../../src/jobs/due-runs.js';
import { createOutbox } from '../../src/outbox/outbox.js';
import { startScheduler, type Scheduler } from '../../src/jobs/scheduler.js';
import { createLogger } from '../../src/shared/logger.js';
import { actor, divisions, newProposalInput, people } from '../fixtures/ledger.fixture.js';
import { memoryLedger } from '../support/memory-ledger.js';
import { memoryDialogRows, memoryJobRunStore, memoryMetricSnapshots, memoryOutboxStore } from '../support/memory-stores.js';

export type Who = keyof typeof people | 'leader2';

const leader2: Person = { userid: 'leader2', name: '周局长', roles: ['leader'], active: true };
const everyone: Record<Who, Person> = { ...people, leader2 };

/** A Shanghai wall-clock time, e.g. at('2026-11-02 09:00'). */
export const at = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+08:00`);

/** The adapters a simulated bureau runs on; without `ledger`, the core's own (the database's). */
export interface SimStores {
  ledger?: Pick<CoreServices, 'proposals' | 'directory' | 'view'>;
  outbox: OutboxStore;
  jobRuns: JobRunStore;
  snapshots: MetricSnapshotStore;
  dialogs: DialogRows;
}

const dbStores = (): SimStores => ({
  outbox: createOutboxStore(),
  jobRuns: createJobRunStore(),
  snapshots: createMetricSnapshotStore(),
  dialogs: createDialogRows(),
});

/** Every adapter in memory, the ledger's included: a bureau for the unit project. */
export const memoryStores = (): SimStores => ({
  ledger: memoryLedger(),
  outbox: memoryOutboxStore(),
  jobRuns: memoryJobRunStore(),
  snapshots: memoryMetricSnapshots(),
  dialogs: memoryDialogRows(),
});

export interface Sim {
  core: CoreServices;
  stores: SimStores;
  config: SchedulesConfig;
  clock: { now(): Date; set(local: string | Date): void };
  register(over: Partial<NewProposal>, when: string): Promise<Proposal>;
  act(when: string, p: Proposal, who: Who, cmd: Command): Promise<Proposal>;
  scheduler(options?: { outbox?: Parameters<typeof startScheduler>[0]['outbox']; owner?: string; config?: SchedulesConfig }): Scheduler;
}

/**
 * `notices`: the ledger queues its notices in the real outbox as changes are stored, holding
 * members' over quiet hours, as the service does.
 */
export async function createSim(options: { notices?: boolean; stores?: SimStores } = {}): Promise<Sim> {
  const stores = options.stores ?? dbStores();
  let now = at('2026-09-01 09:00');
  const clock = {
    now: () => now,
    set: (when: string | Date) => {
      now = typeof when === 'string' ? at(when) : when;
    },
  };
  const config = loadSchedulesConfig();
  const core = createCoreServices(
    options.notices
      ? {
          clock,
          store: stores.ledger,
          outbox: createOutbox({ store: stores.outbox, now: clock.now }),
          dialogs: stores.dialogs,
          isQuiet: (when) => isQuiet(when, config.quietHours),
        }
      : { clock, store: stores.ledger },
  );
  await core.directory.sync({ divisions, people: Object.values(everyone) });
  return {
    core,
    stores,
    config,
    clock,
    async register(over, when) {
      clock.set(when);
      const { created } = await core.ledger.registerMany([newProposalInput(over)], actor(people.coordinator), 'console');
      return created[0]!;
    },
    async act(when, p, who, cmd) {
      clock.set(when);
      const resolved =
        cmd.type === 'superviseMeasure' && cmd.measureId === '$measure' ? { ...cmd, measureId: (await core.proposals.findById(p.id))!.measures[0]!.id } : cmd;
      return core.ledger.perform({ id: p.id }, resolved, actor(everyone[who]), 'console');
    },
    scheduler(options = {}) {
      return startScheduler({
        core,
        outbox: options.outbox ?? createOutbox({ store: stores.outbox, now: clock.now }),
        jobRuns: stores.jobRuns,
        snapshots: stores.snapshots,
        dialogs: stores.dialogs,
        log: createLogger({ level: 'silent' }),
        clock,
        config: options.config ?? config,
        owner: options.owner,
        autoStart: false,
      });
    },
  };
}

/** Outbox rows as (key, recipient, purpose, text), oldest first; of the test database's outbox unless another is given. */
export async function outboxRows(
  store: OutboxStore = createOutboxStore(),
): Promise<{ key: string; to: string; purpose: string; text: string; createdAt: Date }[]> {
  // In the order they were queued: by time, then (within one millisecond, common on the in-memory
  // store) by id, which grows with each insert on both stores.
  const rows = (await store.listByKeyPrefix('')).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rows.map((r) => {
    const to = r.to as { kind: string; userid?: string };
    const body = r.body as { type: string; text?: string; markdown?: string; card?: { title: string; buttons: { key: string }[] } };
    const text = body.text ?? body.markdown ?? (body.card ? `${body.card.title} ${body.card.buttons.map((b) => b.key).join(' ')}` : '');
    return { key: r.key, to: to.userid ?? to.kind, purpose: r.purpose, text, createdAt: r.createdAt };
  });
}
