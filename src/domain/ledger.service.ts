/**
 * The ledger's application service: loads a proposal, lets the workflow decide, and stores the
 * result with its audit event in one guarded single-document update. All I/O goes through ports.
 */
import type { WorkCalendar } from './calendar.js';
import type { Command } from './commands.js';
import { DomainError } from './errors.js';
import { texts } from './ledger.texts.js';
import { computeMetrics, metricsByDivision, type Metrics, type MetricsPolicy } from './metrics.js';
import type { Actor, ChannelName, Division, Person, Proposal } from './model.js';
import { authorize, canView } from './permissions.js';
import type { Clock, DirectoryRepository, NewProposal, ProposalFilter, ProposalRepository } from './ports.js';
import { decide, registerProposal, type LedgerPolicy } from './workflow.js';

export interface LedgerDeps {
  proposals: ProposalRepository;
  directory: DirectoryRepository;
  clock: Clock;
  calendar: WorkCalendar;
  policy: LedgerPolicy & { metrics: MetricsPolicy };
  newId: () => string;
  /**
   * Told of every stored change, to queue the notices it calls for at once. Its failure does not
   * undo or fail the change: the notices job finds the event on the audit trail and tells them.
   */
  notices?: { published(p: Proposal): Promise<unknown> };
}

export interface RegisterResult {
  created: Proposal[];
  /** Already in the ledger (same session and number), left as they are. */
  existing: { session: string; number: string }[];
}

export class LedgerService {
  constructor(private readonly deps: LedgerDeps) {}

  get calendar(): WorkCalendar {
    return this.deps.calendar;
  }

  get policy(): LedgerDeps['policy'] {
    return this.deps.policy;
  }

  /** 登记: creates proposals not yet in the ledger; re-registering the same ones changes nothing. */
  async registerMany(inputs: NewProposal[], actor: Actor, channel: ChannelName): Promise<RegisterResult> {
    authorize('register', actor);
    const now = this.deps.clock.now();
    const created: Proposal[] = [];
    const existing: RegisterResult['existing'] = [];
    for (const input of inputs) {
      const [stored] = await this.deps.proposals.findByNumber(input.number, input.session);
      if (stored) {
        existing.push({ session: input.session, number: input.number });
        continue;
      }
      created.push(registerProposal(input, { id: this.deps.newId(), at: now, actor, channel }, this.deps));
    }
    if (created.length > 0) await this.deps.proposals.insertMany(created);
    return { created, existing };
  }

  /**
   * Runs one command. `expectedVersion`, when given (e.g. from a card), must still be current:
   * a second click on the same card is then refused instead of applied twice.
   */
  async perform(
    ref: { id: string; expectedVersion?: number },
    cmd: Command,
    actor: Actor,
    channel: ChannelName,
  ): Promise<Proposal> {
    const p = await this.deps.proposals.findById(ref.id);
    if (!p) throw new DomainError('notFound', texts.notFound);
    if (ref.expectedVersion !== undefined && ref.expectedVersion !== p.version) {
      throw new DomainError('conflict', texts.conflict);
    }
    const { next, event } = decide(p, cmd, actor, {
      now: this.deps.clock.now(),
      channel,
      calendar: this.deps.calendar,
      policy: this.deps.policy,
      newId: this.deps.newId,
      divisions: await this.divisionsFor(cmd),
      people: await this.peopleFor(cmd),
    });
    const stored = await this.deps.proposals.applyChange(next, p.version, event);
    if (!stored) throw new DomainError('conflict', texts.conflict);
    await this.deps.notices?.published(stored).catch(() => undefined);
    return stored;
  }

  /** One proposal, if the actor may see it. */
  async get(id: string, actor: Actor): Promise<Proposal> {
    const p = await this.deps.proposals.findById(id);
    if (!p) throw new DomainError('notFound', texts.notFound);
    if (!canView(actor, p)) throw new DomainError('notInScope', texts.notInScope);
    return p;
  }

  /** Proposals matching `filter` that the actor may see. */
  async list(filter: ProposalFilter, actor: Actor, options?: { limit?: number; sort?: 'due' | 'number' }): Promise<Proposal[]> {
    const found = await this.deps.proposals.find({ ...filter, ...scopeFilter(actor) }, options);
    return found.filter((p) => canView(actor, p));
  }

  /** Bureau-wide figures and the same per lead division, as of now. */
  async metrics(filter: ProposalFilter = {}): Promise<{ all: Metrics; byDivision: Map<string, Metrics> }> {
    const [groups, overdue] = await Promise.all([
      this.deps.proposals.metricGroups(filter),
      this.deps.proposals.overdueUnanswered(filter, this.deps.clock.now()),
    ]);
    return {
      all: computeMetrics(groups, overdue, this.deps.policy.metrics),
      byDivision: metricsByDivision(groups, overdue, this.deps.policy.metrics),
    };
  }

  private async divisionsFor(cmd: Command): Promise<Map<string, Division>> {
    if (cmd.type !== 'assign' && cmd.type !== 'reassign') return new Map();
    const out = new Map<string, Division>();
    for (const ref of [cmd.leadDivision, ...(cmd.assisting ?? [])]) {
      const div = await this.deps.directory.findDivision(ref);
      if (!div) throw new DomainError('invalidInput', texts.unknownDivision(ref));
      out.set(ref, div);
    }
    return out;
  }

  private async peopleFor(cmd: Command): Promise<Map<string, Person>> {
    if (cmd.type !== 'designate') return new Map();
    const person = await this.deps.directory.findPerson(cmd.handlerUserid);
    return person ? new Map([[cmd.handlerUserid, person]]) : new Map();
  }
}

/**
 * Narrows a listing to what the actor's widest role may see, so the database does the work;
 * `canView` then checks each row exactly.
 */
function scopeFilter(actor: Actor): ProposalFilter {
  if (actor.roles.includes('coordinator') || actor.roles.includes('leader')) return {};
  if (actor.roles.includes('divisionHead') || actor.roles.includes('handler')) {
    return actor.divisionCode ? { divisionCode: actor.divisionCode } : { handlerUserid: actor.userid };
  }
  return { proposerUserid: actor.userid };
}
