/**
 * A simulated bureau for the job tests: the ledger fixture's directory (plus the second leader
 * in charge), a clock the test moves by hand, the real core services, outbox and schedules.
 */
import { createDialogRows } from '../../src/store/dialog.repository.js';
import { createJobRunStore } from '../../src/store/job-run.repository.js';
import { createMetricSnapshotStore } from '../../src/store/metric-snapshot.repository.js';
import { createOutboxStore } from '../../src/store/outbox.repository.js';
import { createCoreServices } from '../../src/main/core.js';
import type { CoreServices } from '../../src/domain/services.js';
import { loadSchedulesConfig, type SchedulesConfig } from '../../src/config/schedules.config.js';
import type { Command } from '../../src/domain/commands.js';
import type { Person, Proposal } from '../../src/domain/model.js';
import type { NewProposal } from '../../src/domain/ports.js';
import { isQuiet } from '../../src/jobs/due-runs.js';
import { createOutbox } from '../../src/outbox/outbox.js';
import { startScheduler, type Scheduler } from '../../src/jobs/scheduler.js';
import { createLogger } from '../../src/shared/logger.js';
import { OutboxMessageModel } from '../../src/store/models/outbox-message.model.js';
import { actor, divisions, newProposalInput, people } from '../fixtures/ledger.fixture.js';

export type Who = keyof typeof people | 'leader2';

const leader2: Person = { userid: 'leader2', name: '周局长', roles: ['leader'], active: true };
const everyone: Record<Who, Person> = { ...people, leader2 };

/** A Shanghai wall-clock time, e.g. at('2026-11-02 09:00'). */
export const at = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+08:00`);

export interface Sim {
  core: CoreServices;
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
export async function createSim(options: { notices?: boolean } = {}): Promise<Sim> {
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
      ? { clock, outbox: createOutbox({ store: createOutboxStore(), now: clock.now }), isQuiet: (when) => isQuiet(when, config.quietHours) }
      : { clock },
  );
  await core.directory.sync({ divisions, people: Object.values(everyone) });
  return {
    core,
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
        outbox: options.outbox ?? createOutbox({ store: createOutboxStore(), now: clock.now }),
        jobRuns: createJobRunStore(),
        snapshots: createMetricSnapshotStore(),
        dialogs: createDialogRows(),
        log: createLogger({ level: 'silent' }),
        clock,
        config: options.config ?? config,
        owner: options.owner,
        autoStart: false,
      });
    },
  };
}

/** Outbox rows as (key, recipient, purpose, text), oldest first. */
export async function outboxRows(): Promise<{ key: string; to: string; purpose: string; text: string; createdAt: Date }[]> {
  const rows = await OutboxMessageModel.find({}).sort({ createdAt: 1, key: 1 }).lean();
  return rows.map((r) => {
    const to = r.to as { kind: string; userid?: string };
    const body = r.body as { type: string; text?: string; markdown?: string; card?: { title: string; buttons: { key: string }[] } };
    const text = body.text ?? body.markdown ?? (body.card ? `${body.card.title} ${body.card.buttons.map((b) => b.key).join(' ')}` : '');
    return { key: r.key, to: to.userid ?? to.kind, purpose: r.purpose, text, createdAt: r.createdAt as Date };
  });
}
