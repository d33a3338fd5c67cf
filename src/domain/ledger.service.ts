/**
 * The ledger's application service: loads a proposal, lets the workflow decide, and stores the
 * result with its audit event in one guarded single-document update. All I/O goes through ports.
 */
import type { WorkCalendar } from './calendar.js';
import type { Command, CommandType } from './commands.js';
import { DomainError } from './errors.js';
import { texts } from './ledger.texts.js';
import { computeMetrics, metricsByDivision, type Metrics, type MetricsPolicy } from './metrics.js';
import type { Actor, ChannelName, Division, Person, Proposal } from './model.js';
import { authorize, canView } from './permissions.js';
import type { Clock, DirectoryRepository, NewProposal, ProposalFilter, ProposalRepository } from './ports.js';
import { decide, registerProposal, type LedgerPolicy } from './workflow.js';

/**
 * Commands that only add to the trail (a 阅批, a 催办, a contact, an opinion, a measure's progress):
 * two of them at once do not contradict each other, so a lost race is decided again, not refused.
 * A second one that does contradict (the same measure finished twice) is refused by the workflow.
 */
const APPEND_ONLY = new Set<CommandType>(['instruct', 'chase', 'logContact', 'confirmContact', 'attachEvidence', 'sendCoOpinion', 'recordCoOpinion', 'superviseMeasure']);
/** Enough for a handful of people acting on one proposal in the same second. */
const MAX_APPEND_ATTEMPTS = 10;

export interface LedgerDeps {
  proposals: ProposalRepository;
  directory: DirectoryRepository;
  clock: Clock;
  calendar: WorkCalendar;
  policy: LedgerPolicy & { metrics: MetricsPolicy };
  newId: () => string;
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
   * `requestId` names the message (and its n-th command) asking: a message handled again after a
   * crash finds its change on the trail and gets the stored proposal back instead of a second change.
   * Append-only commands (阅批, 催办, 沟通…) that lose a race are decided again on the fresh state;
   * any other lost race is refused, naming who changed the proposal first.
   */
  async perform(
    ref: { id: string; expectedVersion?: number; requestId?: string },
    cmd: Command,
    actor: Actor,
    channel: ChannelName,
  ): Promise<Proposal> {
    for (let attempt = 1; ; attempt++) {
      const p = await this.deps.proposals.findById(ref.id);
      if (!p) throw new DomainError('notFound', texts.notFound);
      if (ref.requestId !== undefined && p.events.some((e) => e.requestId === ref.requestId)) return p;
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
      const stored = await this.deps.proposals.applyChange(next, p.version, ref.requestId ? { ...event, requestId: ref.requestId } : event);
      if (stored) return stored;
      const retry = APPEND_ONLY.has(cmd.type) && ref.expectedVersion === undefined && attempt < MAX_APPEND_ATTEMPTS;
      if (retry) continue;
      const lost = await this.lostRace(p, ref.requestId);
      if (lost instanceof DomainError) throw lost;
      return lost;
    }
  }

  /** The refusal for a lost race: who changed the proposal first, and how (or our own change, found late). */
  private async lostRace(read: Proposal, requestId: string | undefined): Promise<DomainError | Proposal> {
    const fresh = await this.deps.proposals.findById(read.id);
    // Event i took the proposal from version i to i + 1 (event 0 registered version 1).
    const first = fresh?.events[read.version];
    if (!fresh || !first) return new DomainError('conflict', texts.conflict);
    if (requestId !== undefined && fresh.events.some((e) => e.requestId === requestId)) return fresh;
    return new DomainError('conflict', texts.conflictBy(first.actor.name, texts.actionLabel(first.action as CommandType) ?? first.action));
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
