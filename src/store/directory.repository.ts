/**
 * The directory (通讯录) in MongoDB: people and divisions as loaded from the directory file.
 * `sync` makes the stored directory match a file: idempotent, and it deactivates what the file
 * no longer names instead of deleting it (the ledger's history must keep resolving names).
 * Reads are answered from a copy in memory (the directory is small and changes rarely), dropped
 * when this instance syncs and, through the change log, when another one does.
 */
import type { Model } from 'mongoose';
import type { Division, Person, Role } from '../domain/model.js';
import type { DirectoryStore, DirectorySyncReport, SyncCounts } from '../domain/ports.js';
import type { ChangeFeed } from '../domain/change-feed.port.js';
import { ChangeLog } from './change-log.js';
import { DivisionModel, type DivisionDoc } from './models/division.model.js';
import { PersonModel, type PersonDoc } from './models/person.model.js';

type AnyModel = Model<Record<string, unknown>>;

const DIVISION_FIELDS = ['code', 'name', 'aliases', 'kind', 'headUserid', 'leaderUserid', 'active'] as const;
const PERSON_FIELDS = ['userid', 'name', 'roles', 'divisionCode', 'sector', 'mobile', 'active'] as const;

/** Copies the listed fields that are set, so stored and loaded entries compare field by field. */
function pick<T extends object>(source: T, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const value = (source as Record<string, unknown>)[field];
    if (value !== undefined && value !== null) out[field] = value;
  }
  return out;
}

const toDivision = (doc: DivisionDoc): Division => pick(doc, DIVISION_FIELDS) as unknown as Division;
const toPerson = (doc: PersonDoc): Person => pick(doc, PERSON_FIELDS) as unknown as Person;

const sameEntry = (a: Record<string, unknown>, b: Record<string, unknown>): boolean =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/**
 * Generic over people and divisions: both are keyed by one unique field and soft-deleted.
 * Writes only what differs, so loading the same file twice writes nothing.
 */
async function syncCollection<T extends object>(model: AnyModel, key: 'userid' | 'code', fields: readonly string[], entries: T[]): Promise<SyncCounts> {
  const counts: SyncCounts = { added: [], updated: [], deactivated: [], unchanged: 0 };
  const stored = new Map<string, Record<string, unknown>>();
  for (const doc of await model.find({}).lean()) {
    const entry = pick(doc, fields);
    stored.set(entry[key] as string, entry);
  }
  const named = new Set<string>();
  for (const source of entries) {
    const entry = pick(source, fields);
    const id = entry[key] as string;
    named.add(id);
    const before = stored.get(id);
    if (!before) {
      await model.create(entry);
      counts.added.push(id);
    } else if (!sameEntry(before, entry)) {
      const unset = Object.fromEntries(fields.filter((f) => !(f in entry) && f in before).map((f) => [f, 1]));
      await model.updateOne({ [key]: id }, { $set: entry, ...(Object.keys(unset).length ? { $unset: unset } : {}) });
      counts.updated.push(id);
    } else {
      counts.unchanged += 1;
    }
  }
  for (const [id, before] of stored) {
    if (named.has(id) || before.active === false) continue;
    await model.updateOne({ [key]: id }, { $set: { active: false } });
    counts.deactivated.push(id);
  }
  return counts;
}

interface Snapshot {
  /** Sorted by userid. */
  people: Person[];
  byUserid: Map<string, Person>;
  /** Sorted by code. */
  divisions: Division[];
}

async function loadSnapshot(): Promise<Snapshot> {
  const [people, divisions] = await Promise.all([PersonModel.find({}).sort({ userid: 1 }).lean(), DivisionModel.find({}).sort({ code: 1 }).lean()]);
  const list = people.map(toPerson);
  return { people: list, byUserid: new Map(list.map((p) => [p.userid, p])), divisions: divisions.map(toDivision) };
}

const changedAny = (c: SyncCounts): boolean => c.added.length + c.updated.length + c.deactivated.length > 0;

export class MongoDirectoryRepository implements DirectoryStore {
  private snapshot: Promise<Snapshot> | undefined;

  constructor(private readonly changes: ChangeFeed = new ChangeLog()) {}

  /** Drops the copy in memory: the next read loads the directory again. */
  invalidate(): void {
    this.snapshot = undefined;
  }

  private read(): Promise<Snapshot> {
    const loading = (this.snapshot ??= loadSnapshot());
    // A failed load is not kept: the next read tries again.
    loading.catch(() => {
      if (this.snapshot === loading) this.snapshot = undefined;
    });
    return loading;
  }

  async findPerson(userid: string): Promise<Person | null> {
    return (await this.read()).byUserid.get(userid) ?? null;
  }

  async findPeopleByName(name: string): Promise<Person[]> {
    const wanted = name.trim();
    return (await this.read()).people.filter((p) => p.name === wanted);
  }

  async listPeople(filter: { role?: Role; divisionCode?: string; activeOnly?: boolean } = {}): Promise<Person[]> {
    return (await this.read()).people.filter(
      (p) =>
        (!filter.role || p.roles.includes(filter.role)) && (!filter.divisionCode || p.divisionCode === filter.divisionCode) && (!filter.activeOnly || p.active),
    );
  }

  /** Matches the code, the full name or an alias (政法处); an active division wins over an old one. */
  async findDivision(codeOrAlias: string): Promise<Division | null> {
    const label = codeOrAlias.trim();
    if (!label) return null;
    const divisions = (await this.read()).divisions.filter((d) => d.code === label || d.name === label || d.aliases.includes(label));
    return divisions.find((d) => d.code === label) ?? divisions.find((d) => d.active) ?? divisions[0] ?? null;
  }

  async listDivisions(): Promise<Division[]> {
    return [...(await this.read()).divisions];
  }

  /** Makes the stored directory match `directory`; see the module comment. */
  async sync(directory: { divisions: Division[]; people: Person[] }): Promise<DirectorySyncReport> {
    try {
      const report = {
        divisions: await syncCollection(DivisionModel as unknown as AnyModel, 'code', DIVISION_FIELDS, directory.divisions),
        people: await syncCollection(PersonModel as unknown as AnyModel, 'userid', PERSON_FIELDS, directory.people),
      };
      if (changedAny(report.divisions) || changedAny(report.people)) await this.changes.publishDirectory();
      return report;
    } finally {
      this.invalidate();
    }
  }
}
