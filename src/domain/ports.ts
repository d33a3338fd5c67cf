/**
 * What the domain needs from the outside world. The store implements these with mongoose;
 * tests and the domain never see a driver.
 */
import type { CaseKind } from './kind.js';
import type { LedgerView } from './ledger-view.js';
import type { AuditEvent, Division, Person, Proposal, Stage } from './model.js';

/** Current time. Passed in so that deadlines and jobs can be tested on a simulated calendar. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Fields of a new proposal as registered or imported; without a kind it is a 政协提案. */
export type NewProposal = Omit<
  Proposal,
  | 'kind'
  | 'id'
  | 'stage'
  | 'milestones'
  | 'nextDueAt'
  | 'nextDueMilestone'
  | 'contacts'
  | 'measures'
  | 'feedback'
  | 'extensions'
  | 'coOpinions'
  | 'instructions'
  | 'returns'
  | 'round'
  | 'facts'
  | 'version'
  | 'events'
  | 'reply'
  | 'priorReplies'
  | 'reopenedAt'
  | 'archive'
  | 'assignedAt'
  | 'mergedInto'
  | 'merged'
> & { kind?: CaseKind };

/** Filter for listing proposals; every field narrows. */
export interface ProposalFilter {
  /** One kind only (政协提案 or 人大代表建议); both when absent. */
  kind?: CaseKind;
  session?: string;
  stages?: Stage[];
  divisionCode?: string;
  /** Lead division only (the assisting ones are ignored). */
  leadDivision?: string;
  handlerUserid?: string;
  proposerUserid?: string;
  handlingType?: 'lead' | 'co';
  isKey?: boolean;
  /** Open milestones due before this instant. */
  dueBefore?: Date;
  /** Free text over number, title and proposers. */
  text?: string;
  receivedFrom?: Date;
  receivedTo?: Date;
}

export interface ProposalRepository {
  /** Inserts proposals; a duplicate (kind, session, number) fails the whole call and writes nothing. */
  insertMany(proposals: Proposal[]): Promise<void>;
  findById(id: string): Promise<Proposal | null>;
  /** Whole documents of these proposals (one query), in no particular order. */
  findByIds(ids: string[]): Promise<Proposal[]>;
  /** The proposal as it was at `version` (its version history), or null when not kept. */
  findVersion(id: string, version: number): Promise<Proposal | null>;
  /**
   * Cases with this number (of this session and kind, when given), latest session first: by when
   * its cases were received, since session names (十三届四次, 十三届五次) do not sort as text.
   */
  findByNumber(number: string, session?: string, kind?: CaseKind): Promise<Proposal[]>;
  find(filter: ProposalFilter, options?: { limit?: number; sort?: 'due' | 'number' }): Promise<Proposal[]>;
  /**
   * Replaces the mutable state of `next` and appends `event`, only if the stored version is still
   * `expectedVersion`. Returns the stored proposal, or null when someone else changed it first.
   */
  applyChange(next: Proposal, expectedVersion: number, event: AuditEvent): Promise<Proposal | null>;
  /** Whole documents, audit trails included, one at a time: those of `ids`, or every proposal when `ids` is undefined. */
  stream(ids?: string[]): AsyncIterable<Proposal>;
}

/**
 * The in-memory view of every proposal (ledger-view.ts), as current as this instance knows:
 * loaded at first use, then caught up with its own writes at once and with other instances'
 * writes through the change feed. Lists, metrics and summaries read it instead of the database.
 */
export interface LedgerViewSource {
  current(): Promise<LedgerView>;
  /** Reads what other instances wrote now, instead of within the next second. */
  catchUp(): Promise<void>;
}

export interface DirectoryRepository {
  findPerson(userid: string): Promise<Person | null>;
  findPeopleByName(name: string): Promise<Person[]>;
  listPeople(filter?: { role?: Person['roles'][number]; divisionCode?: string; activeOnly?: boolean }): Promise<Person[]>;
  findDivision(codeOrAlias: string): Promise<Division | null>;
  listDivisions(): Promise<Division[]>;
}

/** What one directory sync changed, per collection: keys are userids (people) or codes (divisions). */
export interface SyncCounts {
  added: string[];
  updated: string[];
  deactivated: string[];
  unchanged: number;
}

export interface DirectorySyncReport {
  divisions: SyncCounts;
  people: SyncCounts;
}

/** The directory with its one write: loading the directory file (通讯录). */
export interface DirectoryStore extends DirectoryRepository {
  /** Makes the stored directory match `directory`: idempotent; people and divisions it no longer names are deactivated, never deleted. */
  sync(directory: { divisions: Division[]; people: Person[] }): Promise<DirectorySyncReport>;
}
