/**
 * 委员关联: a proposer written by name is linked to the directory's member of that name, so the
 * member sees and rates their proposal. Namesakes are told apart by the proposal's 界别; when
 * that still leaves several, nothing is guessed and the case is reported for a person to decide.
 * Used whenever the directory changes (people added or renamed), not only when proposals are imported.
 */
import type { Person, Proposal, Proposer } from './model.js';

export interface ProposerLinks {
  /** The proposers with the new links (undefined when nothing was linked). */
  proposers?: Proposer[];
  /** Names linked now. */
  linked: string[];
  /** Names several members share, even within the proposal's 界别. */
  ambiguous: { name: string; userids: string[] }[];
}

/** Active members by name. */
export function membersByName(people: readonly Person[]): Map<string, Person[]> {
  const out = new Map<string, Person[]>();
  for (const m of people) if (m.active && m.roles.includes('member')) out.set(m.name, [...(out.get(m.name) ?? []), m]);
  return out;
}

/** The member a proposer's name stands for: the only one of that name, or the only one in the proposal's 界别. */
export function memberNamed(name: string, sector: string | undefined, byName: ReadonlyMap<string, readonly Person[]>): Person | readonly Person[] | undefined {
  const all = byName.get(name) ?? [];
  if (all.length <= 1) return all[0];
  const inSector = sector ? all.filter((m) => m.sector === sector) : [];
  return inSector.length === 1 ? inSector[0] : all;
}

const isMany = (found: Person | readonly Person[]): found is readonly Person[] => Array.isArray(found);

/** A proposer as written, linked to the member the name stands for when there is exactly one. */
export function proposerNamed(name: string, sector: string | undefined, byName: ReadonlyMap<string, readonly Person[]>): Proposer {
  const found = memberNamed(name, sector, byName);
  return found && !isMany(found) ? { name, userid: found.userid } : { name };
}

/** Links the proposal's proposers that have no member yet; links already made are kept. */
export function linkProposers(p: Pick<Proposal, 'proposers' | 'sector'>, byName: ReadonlyMap<string, readonly Person[]>): ProposerLinks {
  const out: ProposerLinks = { linked: [], ambiguous: [] };
  const proposers = p.proposers.map((x) => {
    if (x.userid) return x;
    const found = memberNamed(x.name, p.sector, byName);
    if (found && isMany(found)) out.ambiguous.push({ name: x.name, userids: found.map((m) => m.userid) });
    const linked = proposerNamed(x.name, p.sector, byName);
    if (linked.userid) out.linked.push(x.name);
    return linked;
  });
  if (out.linked.length) out.proposers = proposers;
  return out;
}
