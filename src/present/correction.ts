/** A correction (更正台账, domain/correction.ts) as people read it: the trail's lines and the import page's values. */
import { CORRECTABLE, type CorrectableField } from '../domain/correction.js';
import type { AuditEvent, Proposer } from '../domain/model.js';
import { toLocalDate } from '../domain/shanghai-time.js';
import { correctionLabels as t } from './correction.texts.js';

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
