/**
 * The directory read once to name who and which division: the console's pages, the ledger export
 * and the jobs' summaries and digests all show names where the ledger holds codes and userids.
 */
import type { Division, Person } from './model.js';
import type { CoreServices } from './services.js';

export interface Names {
  /** Every division, active or not, by code, in the directory's order. */
  readonly divisions: ReadonlyMap<string, Division>;
  /** Every person, active or not, by userid, in the directory's order. */
  readonly people: ReadonlyMap<string, Person>;
  /** The division's name: its code when the directory does not know it, '' for none. */
  division(code: string | undefined): string;
  /** The person's name: the userid when the directory does not know them, '' for none. */
  person(userid: string | undefined): string;
}

export async function loadNames(core: Pick<CoreServices, 'directory'>): Promise<Names> {
  const [divisions, people] = await Promise.all([core.directory.listDivisions(), core.directory.listPeople()]);
  return namesOf(divisions, people);
}

/** The names of these divisions and people (a directory file's, or the stored directory's). */
export function namesOf(divisionList: readonly Division[], peopleList: readonly Person[]): Names {
  const divisions = new Map(divisionList.map((d) => [d.code, d]));
  const people = new Map(peopleList.map((p) => [p.userid, p]));
  return {
    divisions,
    people,
    division: (code) => (code ? (divisions.get(code)?.name ?? code) : ''),
    person: (userid) => (userid ? (people.get(userid)?.name ?? userid) : ''),
  };
}
