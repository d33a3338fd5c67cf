/**
 * In-memory adapters of the ledger's ports (domain/ports.ts), for unit tests of the domain that
 * need no database. They keep the promises the ports make — a change is applied only on the
 * version it was decided on, a batch with a taken number writes nothing, the view sees every write
 * at once — so what a unit test shows of the domain holds on the real store too. The guarantees
 * under concurrent writers on a real database are tested in test/store/.
 */
import { DomainError } from '../../src/domain/errors.js';
import { LedgerService } from '../../src/domain/ledger.service.js';
import { BY_DUE, BY_NUMBER, LedgerView, toLedgerEntry } from '../../src/domain/ledger-view.js';
import type { CaseKind } from '../../src/domain/kind.js';
import type { AuditEvent, Division, Person, Proposal } from '../../src/domain/model.js';
import type { Clock, DirectoryStore, DirectorySyncReport, LedgerViewSource, ProposalFilter, ProposalRepository, SyncCounts } from '../../src/domain/ports.js';
import type { SimilarCase, SimilarSource } from '../../src/domain/similar/similar.service.js';
import { calendar, newId, policy } from '../fixtures/ledger.fixture.js';
import { AUDIT_NOTES } from '../../src/present/audit-notes.js';
import { stored } from './memory-stores.js';

export class MemoryProposals implements ProposalRepository, SimilarSource {
  private readonly byId = new Map<string, Proposal>();
  private readonly versions = new Map<string, Proposal>();

  constructor(private readonly view: LedgerView) {}

  private write(p: Proposal): Proposal {
    this.byId.set(p.id, stored(p));
    this.versions.set(`${p.id}@${p.version}`, stored(p));
    this.view.apply([toLedgerEntry(p)]);
    return stored(p);
  }

  async insertMany(proposals: Proposal[]): Promise<void> {
    const key = (p: Proposal) => `${p.session}|${p.number}|${p.kind}`;
    const taken = new Set([...this.byId.values()].map(key));
    for (const p of proposals) {
      if (taken.has(key(p)) || this.byId.has(p.id)) throw new DomainError('duplicate', { reason: 'duplicateNumber' });
      taken.add(key(p));
    }
    for (const p of proposals) this.write(p);
  }

  async findById(id: string): Promise<Proposal | null> {
    const p = this.byId.get(id);
    return p ? stored(p) : null;
  }

  async findByIds(ids: string[]): Promise<Proposal[]> {
    return ids.flatMap((id) => (this.byId.has(id) ? [stored(this.byId.get(id)!)] : []));
  }

  async findVersion(id: string, version: number): Promise<Proposal | null> {
    const p = this.versions.get(`${id}@${version}`);
    return p ? stored(p) : null;
  }

  async findByNumber(number: string, session?: string, kind?: CaseKind): Promise<Proposal[]> {
    return [...this.byId.values()]
      .filter((p) => p.number === number && (session === undefined || p.session === session) && (kind === undefined || p.kind === kind))
      .sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime() || (a.session < b.session ? 1 : a.session > b.session ? -1 : 0))
      .map(stored);
  }

  async find(filter: ProposalFilter, options: { limit?: number; sort?: 'due' | 'number' } = {}): Promise<Proposal[]> {
    const entries = this.view.select(filter).sort(options.sort === 'due' ? BY_DUE : BY_NUMBER);
    return this.findByIds(entries.slice(0, options.limit || undefined).map((e) => e.id));
  }

  async applyChange(next: Proposal, expectedVersion: number, event: AuditEvent): Promise<Proposal | null> {
    // Version `expectedVersion + 1` is taken: by this same request before (its answer lost), it
    // gets the change it made, as from the store; by anyone else, null.
    const taken = this.versions.get(`${next.id}@${expectedVersion + 1}`);
    if (taken) return event.requestId !== undefined && taken.events.at(-1)?.requestId === event.requestId ? stored(taken) : null;
    if (this.byId.get(next.id)?.version !== expectedVersion) return null;
    return this.write({ ...next, version: expectedVersion + 1, events: [...next.events, event] });
  }

  async *stream(ids?: string[]): AsyncIterable<Proposal> {
    for (const p of ids ? await this.findByIds(ids) : [...this.byId.values()].map(stored)) yield p;
  }

  async similarCases(): Promise<SimilarCase[]> {
    return [...this.byId.values()].map((p) => ({
      id: p.id,
      session: p.session,
      number: p.number,
      title: p.title,
      summary: p.summary ?? '',
      ...(p.mergedInto && { mergedInto: p.mergedInto }),
    }));
  }
}

/** Every write reaches the view at once: there is no other instance to catch up with. */
export class MemoryLedgerView implements LedgerViewSource {
  readonly view = new LedgerView();

  async current(): Promise<LedgerView> {
    return this.view;
  }

  async catchUp(): Promise<void> {}
}

export class MemoryDirectory implements DirectoryStore {
  private divisions: Division[] = [];
  private people: Person[] = [];

  async findPerson(userid: string): Promise<Person | null> {
    return this.people.find((p) => p.userid === userid) ?? null;
  }

  async findPeopleByName(name: string): Promise<Person[]> {
    return this.people.filter((p) => p.name === name.trim());
  }

  async listPeople(filter: { role?: Person['roles'][number]; divisionCode?: string; activeOnly?: boolean } = {}): Promise<Person[]> {
    return this.people.filter(
      (p) =>
        (!filter.role || p.roles.includes(filter.role)) && (!filter.divisionCode || p.divisionCode === filter.divisionCode) && (!filter.activeOnly || p.active),
    );
  }

  async findDivision(codeOrAlias: string): Promise<Division | null> {
    const label = codeOrAlias.trim();
    const found = this.divisions.filter((d) => d.code === label || d.name === label || d.aliases.includes(label));
    return found.find((d) => d.code === label) ?? found.find((d) => d.active) ?? found[0] ?? null;
  }

  async listDivisions(): Promise<Division[]> {
    return [...this.divisions];
  }

  /** Replaces the directory; what the file no longer names is kept, deactivated. */
  async sync(directory: { divisions: Division[]; people: Person[] }): Promise<DirectorySyncReport> {
    const merge = <T extends { active: boolean }>(before: T[], after: T[], key: (x: T) => string): { list: T[]; counts: SyncCounts } => {
      const counts: SyncCounts = { added: [], updated: [], deactivated: [], unchanged: 0 };
      const old = new Map(before.map((x) => [key(x), x]));
      for (const x of after) {
        const prior = old.get(key(x));
        if (!prior) counts.added.push(key(x));
        else if (JSON.stringify(prior) !== JSON.stringify(x)) counts.updated.push(key(x));
        else counts.unchanged += 1;
      }
      const named = new Set(after.map(key));
      const gone = before.filter((x) => !named.has(key(x)));
      for (const x of gone) if (x.active) counts.deactivated.push(key(x));
      return { list: [...after.map(stored), ...gone.map((x) => ({ ...x, active: false }))], counts };
    };
    const d = merge(this.divisions, directory.divisions, (x) => x.code);
    const p = merge(this.people, directory.people, (x) => x.userid);
    [this.divisions, this.people] = [d.list, p.list];
    return { divisions: d.counts, people: p.counts };
  }
}

/** The three adapters the LedgerService takes, wired as the store wires its own. */
export function memoryLedger(): { proposals: MemoryProposals; directory: MemoryDirectory; view: MemoryLedgerView } {
  const view = new MemoryLedgerView();
  return { proposals: new MemoryProposals(view.view), directory: new MemoryDirectory(), view };
}

/** A ledger service on fresh in-memory adapters, with the fixture bureau's calendar and rules. */
export function memoryLedgerService(clock: Clock) {
  const store = memoryLedger();
  return { ...store, ledger: new LedgerService({ ...store, clock, calendar, policy, newId, notes: AUDIT_NOTES }) };
}
