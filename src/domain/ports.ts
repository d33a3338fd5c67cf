/**
 * What the domain needs from the outside world. The store implements these with mongoose;
 * tests and the domain never see a driver.
 */
import type { MetricGroup, OverdueGroup } from './metrics.js';
import type { AuditEvent, Division, Person, Proposal, Stage } from './model.js';

/** Current time. Passed in so that deadlines and jobs can be tested on a simulated calendar. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Fields of a new proposal as registered or imported. */
export type NewProposal = Omit<
  Proposal,
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
>;

/** Filter for listing proposals; every field narrows. */
export interface ProposalFilter {
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
  /** Inserts proposals; a duplicate (session, number) fails the whole call and writes nothing. */
  insertMany(proposals: Proposal[]): Promise<void>;
  findById(id: string): Promise<Proposal | null>;
  /** The proposal as it was at `version` (its version history), or null when not kept. */
  findVersion(id: string, version: number): Promise<Proposal | null>;
  findByNumber(number: string, session?: string): Promise<Proposal[]>;
  find(filter: ProposalFilter, options?: { limit?: number; sort?: 'due' | 'number' }): Promise<Proposal[]>;
  /**
   * Replaces the mutable state of `next` and appends `event`, only if the stored version is still
   * `expectedVersion`. Returns the stored proposal, or null when someone else changed it first.
   */
  applyChange(next: Proposal, expectedVersion: number, event: AuditEvent): Promise<Proposal | null>;
  /** Counts of proposals grouped by their metric facts (bounded by the number of distinct buckets). */
  metricGroups(filter: ProposalFilter): Promise<MetricGroup[]>;
  /** Unanswered proposals whose reply (主办) or opinion (协办) was due before `asOf`, per lead division. */
  overdueUnanswered(filter: ProposalFilter, asOf: Date): Promise<OverdueGroup[]>;
}

export interface DirectoryRepository {
  findPerson(userid: string): Promise<Person | null>;
  findPeopleByName(name: string): Promise<Person[]>;
  listPeople(filter?: { role?: Person['roles'][number]; divisionCode?: string; activeOnly?: boolean }): Promise<Person[]>;
  findDivision(codeOrAlias: string): Promise<Division | null>;
  listDivisions(): Promise<Division[]>;
}
