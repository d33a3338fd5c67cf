/**
 * 更正台账: fixing what was registered wrong (案由, 提案人, 联名, 界别, 办理类型…) as a step of its
 * own, so the trail keeps who changed what from what to what and why. Used by the web's correction
 * form and by an import that updates rows already in the ledger; never silently overwritten.
 */
import { DomainError } from './errors.js';
import { correctionTexts as t } from './correction.texts.js';
import type { AuditEvent, Proposal, Proposer } from './model.js';
import { toLocalDate } from './shanghai-time.js';

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
  if (fields.length === 0) throw new DomainError('precondition', t.nothingChanged);
  const why = reason?.trim();
  if (!why) throw new DomainError('invalidInput', t.needReason);
  const next = { ...d, ...Object.fromEntries(fields.map((k) => [k, c[k] ?? undefined])) } as Proposal;
  if (!next.title?.trim()) throw new DomainError('invalidInput', t.needTitle);
  if (!next.proposers?.length || next.proposers.some((x: Proposer) => !x.name.trim())) throw new DomainError('invalidInput', t.needProposer);
  if (fields.includes('handlingType') && d.stage !== 'registered') throw new DomainError('precondition', t.typeAfterAssign);
  if (next.handlingType === 'co' && !next.externalLeadUnit?.trim()) throw new DomainError('invalidInput', t.coNeedsLeadUnit);
  Object.assign(d, Object.fromEntries(fields.map((k) => [k, next[k]])));
  return why;
}

/** The value as a person reads it in the trail. */
export function shownValue(field: CorrectableField, v: unknown): string {
  if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) return t.empty;
  if (field === 'proposers') return (v as Proposer[]).map((x) => x.name).join('、');
  if (Array.isArray(v)) return v.join('、');
  if (field === 'handlingType') return t.handlingType[v as 'lead' | 'co'];
  if (field === 'isKey') return v ? t.yes : t.no;
  if (field === 'filedAt') return toLocalDate(new Date(v as string));
  return String(v);
}

/** A correction event's changes as lines like `案由：关于… → 关于…`; empty for any other event. */
export function describeCorrection(e: Pick<AuditEvent, 'action' | 'changes'>): string[] {
  if (e.action !== 'correct') return [];
  return e.changes
    .filter((c): c is typeof c & { field: CorrectableField } => (CORRECTABLE as readonly string[]).includes(c.field))
    .map((c) => t.line(t.fields[c.field], shownValue(c.field, c.before), shownValue(c.field, c.after)));
}
