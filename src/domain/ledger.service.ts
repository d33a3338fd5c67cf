/**
 * The ledger's application service: loads a proposal, lets the workflow decide, and stores the
 * result with its audit event in one guarded single-document update. Lists and metrics are read
 * from the in-memory ledger view; one proposal in full is read by id. All I/O goes through ports.
 */
import type { WorkCalendar } from './calendar.js';
import type { Command, CommandType } from './commands.js';
import { DomainError } from './errors.js';
import type { AuditNotes } from './audit-notes.js';
import { kindOf, type Refusal } from './refusals.js';
import { bareNumber, metricsAt, type LedgerEntry, type ListOptions } from './ledger-view.js';
import type { Metrics, MetricsPolicy } from './metrics.js';
import { DEFAULT_KIND, type CaseKind } from './kind.js';
import { linkProposers, membersByName } from './member-links.js';
import { checkMerge, refOf } from './merge.js';
import type { Actor, ChannelName, Division, Person, Proposal } from './model.js';
import { authorize, canView, scopeRefusal } from './permissions.js';
import type { Clock, DirectoryRepository, LedgerViewSource, NewProposal, ProposalFilter, ProposalRepository } from './ports.js';
import { decide, registerProposal, type DecideContext, type LedgerPolicy } from './workflow.js';

/**
 * Commands that only add to the trail (a 阅批, a 催办, a contact, an opinion, a measure's progress):
 * two of them at once do not contradict each other, so a lost race is decided again, not refused.
 * A second one that does contradict (the same measure finished twice) is refused by the workflow.
 */
const APPEND_ONLY = new Set<CommandType>([
  'instruct',
  'chase',
  'logContact',
  'confirmContact',
  'attachEvidence',
  'sendCoOpinion',
  'recordCoOpinion',
  'superviseMeasure',
]);
/** Enough for a handful of people acting on one proposal in the same second. */
const MAX_APPEND_ATTEMPTS = 10;

export interface LedgerDeps {
  proposals: ProposalRepository;
  view: LedgerViewSource;
  directory: DirectoryRepository;
  clock: Clock;
  calendar: WorkCalendar;
  policy: LedgerPolicy & { metrics: MetricsPolicy };
  newId: () => string;
  /** The notes the audit trail gets in words, and the name it gives the ledger's own changes. */
  notes: AuditNotes;
  /** Told of every proposal this service stored (the similar-proposal index keeps itself current). */
  onStored?: (proposals: Proposal[]) => void;
  /**
   * Told of every stored change, to queue the notices it calls for at once. Its failure does not
   * undo or fail the change: the notices job finds the event on the audit trail and tells them.
   */
  notices?: { published(p: Proposal): Promise<unknown> };
}

/** What linking proposers to a changed directory did: per proposal, the names linked or left ambiguous. */
export interface MemberLinkReport {
  linked: { session: string; number: string; names: string[] }[];
  ambiguous: { session: string; number: string; name: string; userids: string[] }[];
}

export interface RegisterResult {
  created: Proposal[];
  /** Already in the ledger (same kind, session and number), left as they are. */
  existing: { kind: CaseKind; session: string; number: string }[];
}

export class LedgerService {
  constructor(private readonly deps: LedgerDeps) {}

  get calendar(): WorkCalendar {
    return this.deps.calendar;
  }

  get policy(): LedgerDeps['policy'] {
    return this.deps.policy;
  }

  /** Who the audit trail names for changes the ledger makes itself (syncing merged cases, linking members). */
  private get system(): Actor {
    return { userid: 'system', name: this.deps.notes.systemName, roles: ['coordinator'] };
  }

  /** 登记: creates proposals not yet in the ledger; re-registering the same ones changes nothing. */
  async registerMany(inputs: NewProposal[], actor: Actor, channel: ChannelName): Promise<RegisterResult> {
    authorize('register', actor);
    const now = this.deps.clock.now();
    const created: Proposal[] = [];
    const existing: RegisterResult['existing'] = [];
    const view = await this.deps.view.current();
    for (const input of inputs) {
      // The view only spares a failing write: the unique (kind, session, number) index decides.
      const kind = input.kind ?? DEFAULT_KIND;
      if (view.byNumber(input.number, input.session, kind).length > 0) {
        existing.push({ kind, session: input.session, number: input.number });
        continue;
      }
      created.push(registerProposal(input, { id: this.deps.newId(), at: now, actor, channel }, this.deps));
    }
    if (created.length > 0) {
      await this.deps.proposals.insertMany(created);
      this.deps.onStored?.(created);
    }
    return { created, existing };
  }

  /**
   * Links proposers written by name to the directory's members (people added or renamed since the
   * proposals were registered), each link an audited 更正台账 by the system; namesakes the 界别
   * cannot tell apart are reported, not guessed. Links already made are never changed, so running
   * it after every directory load changes only what the load made linkable.
   */
  async linkMembers(people: readonly Person[], channel: ChannelName): Promise<MemberLinkReport> {
    const byName = membersByName(people);
    const report: MemberLinkReport = { linked: [], ambiguous: [] };
    const candidates = (await this.deps.view.current()).list({}, {}, (e) => e.proposers.some((x) => !x.userid && byName.has(x.name)));
    for (const p of await this.deps.proposals.findByIds(candidates.map((e) => e.id))) {
      const links = linkProposers(p, byName);
      for (const a of links.ambiguous) report.ambiguous.push({ session: p.session, number: p.number, ...a });
      if (!links.proposers) continue;
      const cmd: Command = { type: 'correct', fields: { proposers: links.proposers }, reason: this.deps.notes.memberLink(kindOf(p), links.linked) };
      try {
        await this.apply(p, cmd, this.system, channel);
      } catch (err) {
        // Changed by someone meanwhile: still unlinked, so the next directory load links it.
        if (err instanceof DomainError && err.code === 'conflict') continue;
        throw err;
      }
      report.linked.push({ session: p.session, number: p.number, names: links.linked });
    }
    return report;
  }

  /**
   * Runs one command. `expectedVersion`, when given (e.g. from a card), must still be current:
   * a second click on the same card is then refused instead of applied twice.
   * `requestId` names the message (and its n-th command) asking: a message handled again after a
   * crash finds its change on the trail and gets the stored proposal back instead of a second change.
   * Append-only commands (阅批, 催办, 沟通…) that lose a race are decided again on the fresh state;
   * any other lost race is refused, naming who changed the proposal first.
   * `read` is the proposal as the caller has just read it: decided on without a second read when
   * the view holds no later version (a read by `_id` is a scan on FerretDB).
   */
  async perform(
    ref: { id: string; expectedVersion?: number; requestId?: string; read?: Proposal },
    cmd: Command,
    actor: Actor,
    channel: ChannelName,
  ): Promise<Proposal> {
    for (let attempt = 1; ; attempt++) {
      const reuse = attempt === 1 && ref.read?.id === ref.id && (await this.isCurrent(ref.read));
      const p = reuse ? ref.read! : await this.deps.proposals.findById(ref.id);
      if (!p) throw new DomainError('notFound', { reason: 'notFound' });
      // Handled before (a crash came between the change and the reply): finish what follows it, once more.
      if (ref.requestId !== undefined && p.events.some((e) => e.requestId === ref.requestId)) return this.afterStored(p, channel);
      if (ref.expectedVersion !== undefined && ref.expectedVersion !== p.version) {
        throw new DomainError('conflict', { reason: 'conflict', kind: kindOf(p) });
      }
      const { next, event } = decide(p, cmd, actor, {
        ...this.context(channel, await this.divisionsFor(cmd), await this.peopleFor(cmd)),
        ...(cmd.type === 'undo' ? { previous: (await this.deps.proposals.findVersion(p.id, p.version - 1)) ?? undefined } : {}),
      });
      const stored = await this.deps.proposals.applyChange(next, p.version, ref.requestId ? { ...event, requestId: ref.requestId } : event);
      if (stored) return this.afterStored(stored, channel);
      const retry = APPEND_ONLY.has(cmd.type) && ref.expectedVersion === undefined && attempt < MAX_APPEND_ATTEMPTS;
      if (retry) continue;
      const lost = await this.lostRace(p, ref.requestId);
      if (lost instanceof DomainError) throw lost;
      return this.afterStored(lost, channel);
    }
  }

  /** Whether `read` is the version the view holds (exact for this instance's writes, a second behind others'). */
  private async isCurrent(read: Proposal): Promise<boolean> {
    return (await this.deps.view.current()).get(read.id)?.version === read.version;
  }

  /** What follows a stored change: merged cases follow their lead, and those who must act are told. */
  private async afterStored(stored: Proposal, channel: ChannelName): Promise<Proposal> {
    // A corrected 案由 or 摘要 changes what the proposal is similar to.
    if (stored.events.at(-1)?.action === 'correct') this.deps.onStored?.([stored]);
    if (stored.merged?.length) await this.syncFollowers(stored, channel);
    await this.deps.notices?.published(stored).catch(() => undefined);
    return stored;
  }

  /** The refusal for a lost race: who changed the proposal first, and how (or our own change, found late). */
  private async lostRace(read: Proposal, requestId: string | undefined): Promise<DomainError | Proposal> {
    const fresh = await this.deps.proposals.findById(read.id);
    // Event i took the proposal from version i to i + 1 (event 0 registered version 1).
    const first = fresh?.events[read.version];
    if (!fresh || !first) return new DomainError('conflict', { reason: 'conflict', kind: kindOf(read) });
    if (requestId !== undefined && fresh.events.some((e) => e.requestId === requestId)) return fresh;
    return new DomainError('conflict', { reason: 'conflictBy', kind: kindOf(read), who: first.actor.name, action: first.action });
  }

  /**
   * 并案: merges `followerIds` into the lead case. Each merged case is written first, then the lead's
   * list, so an interrupted merge is finished by running it again (see merge.ts).
   */
  async merge(leadId: string, followerIds: string[], actor: Actor, channel: ChannelName): Promise<{ lead: Proposal; followers: Proposal[] }> {
    authorize('merge', actor);
    const lead = await this.load(leadId);
    const followers = await Promise.all([...new Set(followerIds)].map((id) => this.load(id)));
    checkMerge(lead, followers);
    for (const f of followers) {
      if (!f.mergedInto) await this.apply(f, { type: 'mergeInto', lead: refOf(lead) }, actor, channel);
    }
    const listed = new Set((lead.merged ?? []).map((x) => x.id));
    const missing = followers.filter((f) => !listed.has(f.id)).map(refOf);
    const stored = missing.length ? await this.apply(lead, { type: 'mergeLead', followers: missing }, actor, channel) : lead;
    return { lead: stored, followers: await this.syncFollowers(stored, channel) };
  }

  /** 撤销并案: the case leaves its group and goes on alone from where it stands. Audited on both. */
  async unmerge(followerId: string, reason: string, actor: Actor, channel: ChannelName): Promise<Proposal> {
    authorize('merge', actor);
    const f = await this.load(followerId);
    if (!f.mergedInto) throw new DomainError('precondition', { reason: 'notMerged', kind: kindOf(f) });
    const leadRef = f.mergedInto;
    const stored = await this.apply(f, { type: 'unmergeFrom', reason }, actor, channel);
    const lead = await this.deps.proposals.findById(leadRef.id);
    if (lead?.merged?.some((x) => x.id === f.id)) await this.apply(lead, { type: 'unmergeLead', follower: refOf(f), reason }, actor, channel);
    return stored;
  }

  /**
   * Copies the lead's handling onto every case merged into it that still names it as lead.
   * Idempotent: a case already in step is left alone, so a repeat after a crash only finishes.
   */
  async syncFollowers(lead: Proposal, channel: ChannelName): Promise<Proposal[]> {
    const out: Proposal[] = [];
    for (const ref of lead.merged ?? []) {
      const f = await this.deps.proposals.findById(ref.id);
      if (f?.mergedInto?.id !== lead.id) continue;
      const { next, event } = decide(f, { type: 'followLead', lead }, this.system, this.context(channel, new Map(), new Map()));
      if (event.changes.length === 0) {
        out.push(f);
        continue;
      }
      const stored = await this.deps.proposals.applyChange(next, f.version, event);
      // Someone changed the merged case meanwhile: the next change of the lead syncs it again.
      out.push(stored ?? f);
    }
    return out;
  }

  private async load(id: string): Promise<Proposal> {
    const p = await this.deps.proposals.findById(id);
    if (!p) throw new DomainError('notFound', { reason: 'notFound' });
    return p;
  }

  private async apply(p: Proposal, cmd: Command, actor: Actor, channel: ChannelName): Promise<Proposal> {
    const { next, event } = decide(p, cmd, actor, this.context(channel, new Map(), new Map()));
    const stored = await this.deps.proposals.applyChange(next, p.version, event);
    if (!stored) throw new DomainError('conflict', { reason: 'conflict', kind: kindOf(p) });
    this.deps.onStored?.([stored]);
    return stored;
  }

  private context(channel: ChannelName, divisions: Map<string, Division>, people: Map<string, Person>): DecideContext {
    return {
      now: this.deps.clock.now(),
      channel,
      calendar: this.deps.calendar,
      policy: this.deps.policy,
      newId: this.deps.newId,
      divisions,
      people,
      notes: this.deps.notes,
    };
  }

  /** One proposal, if the actor may see it. */
  async get(id: string, actor: Actor): Promise<Proposal> {
    const p = await this.deps.proposals.findById(id);
    if (!p) throw new DomainError('notFound', { reason: 'notFound' });
    if (!canView(actor, p)) throw new DomainError('notInScope', { reason: 'notInScope', kind: kindOf(p) });
    return p;
  }

  /** Proposals matching `filter` that the actor may see, as the view holds them. */
  async list(filter: ProposalFilter, actor: Actor, options?: ListOptions): Promise<LedgerEntry[]> {
    return (await this.deps.view.current()).list(filter, options, (e) => canView(actor, e));
  }

  /**
   * Why proposals numbered `number` are not among those the actor may see: the refusal for each
   * (another division leads it, not yet assigned…). Only staff learn that a number exists
   * elsewhere; a member is never told of proposals not theirs.
   */
  async whyHidden(number: string, actor: Actor): Promise<{ entry: LedgerEntry; refusal: Refusal }[]> {
    if (!actor.roles.some((r) => r !== 'member')) return [];
    const view = await this.deps.view.current();
    return view
      .list({ text: number }, {}, (e) => !canView(actor, e) && bareNumber(e.number) === bareNumber(number))
      .map((entry) => ({ entry, refusal: scopeRefusal(actor, entry) }));
  }

  /** The proposals numbered `number` (any padding, any session) that the actor may see. */
  async byNumber(number: string, actor: Actor): Promise<LedgerEntry[]> {
    return (await this.list({ text: number }, actor)).filter((e) => bareNumber(e.number) === bareNumber(number));
  }

  /**
   * The full documents of what `list` gives, narrowed by `where` (exports, a member's own
   * proposals, activity counted from audit trails): one read by id, in `list`'s order.
   */
  async listDocuments(filter: ProposalFilter, actor: Actor, where: (e: LedgerEntry) => boolean = () => true): Promise<Proposal[]> {
    const ids = (await this.list(filter, actor)).filter(where).map((e) => e.id);
    const byId = new Map((await this.deps.proposals.findByIds(ids)).map((p) => [p.id, p]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /**
   * Cases opted into the public results page (公开) with a reply sent, whole: the page copies from
   * them only what public-results.ts allows. Nobody's scope applies: the page is for everyone.
   */
  async publishedCases(): Promise<Proposal[]> {
    const ids = (await this.deps.view.current()).select({}, (e) => e.published && e.repliesSentAt.length > 0).map((e) => e.id);
    return this.deps.proposals.findByIds(ids);
  }

  /** Bureau-wide figures and the same per lead division, as of now. */
  async metrics(filter: ProposalFilter = {}): Promise<{ all: Metrics; byDivision: Map<string, Metrics> }> {
    return metricsAt((await this.deps.view.current()).select(filter), this.deps.clock.now(), this.deps.policy.metrics);
  }

  private async divisionsFor(cmd: Command): Promise<Map<string, Division>> {
    if (cmd.type !== 'assign' && cmd.type !== 'reassign') return new Map();
    const out = new Map<string, Division>();
    for (const ref of [cmd.leadDivision, ...(cmd.assisting ?? [])]) {
      const div = await this.deps.directory.findDivision(ref);
      if (!div) throw new DomainError('invalidInput', { reason: 'unknownDivision', code: ref });
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
