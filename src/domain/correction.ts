/**
 * 更正台账: fixing what was registered wrong (案由, 提案人, 联名, 界别, 办理类型…) as a step of its
 * own, so the trail keeps who changed what from what to what and why. Used by the web's correction
 * form and by an import that updates rows already in the ledger; never silently overwritten.
 */
import { DomainError } from './errors.js';
import type { Proposal, Proposer } from './model.js';

/** The registered facts a coordinator may correct, by field of the proposal. */
export const CORRECTABLE = [
  'title',
  'summary',
  'proposers',
  'coSigners',
  'sector',
  'filedAt',
  'handlingType',
  'externalLeadUnit',
  'externalCoUnits',
  'isKey',
] as const;
export type CorrectableField = (typeof CORRECTABLE)[number];

/** New values; a field left out stays as it is, `null` clears an optional one. */
export type Correction = Partial<{ [K in CorrectableField]: Proposal[K] | null }>;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields of `c` that differ from `p`: what a correction would change. */
export const changedFields = (p: Proposal, c: Correction): CorrectableField[] => CORRECTABLE.filter((k) => k in c && !same(c[k], p[k]));

/**
 * Applies `c` to the draft `d`, or refuses: nothing to change, a required fact emptied, or the
 * handling type changed once the case is on its way (lead and co-handled cases take different paths).
 */
export function applyCorrection(d: Proposal, c: Correction, reason: string | undefined): string {
  const fields = changedFields(d, c);
  if (fields.length === 0) throw new DomainError('precondition', { reason: 'correctionUnchanged' });
  const why = reason?.trim();
  if (!why) throw new DomainError('invalidInput', { reason: 'correctionNeedsReason' });
  const next = { ...d, ...Object.fromEntries(fields.map((k) => [k, c[k] ?? undefined])) } as Proposal;
  if (!next.title?.trim()) throw new DomainError('invalidInput', { reason: 'correctionNeedsTitle' });
  if (!next.proposers?.length || next.proposers.some((x: Proposer) => !x.name.trim()))
    throw new DomainError('invalidInput', { reason: 'correctionNeedsProposer' });
  if (fields.includes('handlingType') && d.stage !== 'registered') throw new DomainError('precondition', { reason: 'typeAfterAssign' });
  if (next.handlingType === 'co' && !next.externalLeadUnit?.trim()) throw new DomainError('invalidInput', { reason: 'coNeedsLeadUnit' });
  Object.assign(d, Object.fromEntries(fields.map((k) => [k, next[k]])));
  return why;
}
