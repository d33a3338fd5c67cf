/**
 * The notes the ledger writes into the audit trail itself, beside what a person typed (an undo
 * names the step undone, a merge the cases): they are stored as words, so the domain takes them
 * from the composition root (present/audit-notes.ts) instead of writing them.
 */
import type { CaseKind } from './kind.js';

export interface AuditNotes {
  /** Who the trail names for changes the ledger makes itself (syncing merged cases, linking members). */
  systemName: string;
  /** `action` as the trail records the step undone; `reason` as typed. */
  undo(action: string, reason?: string): string;
  replyBody(paragraphs: number): string;
  /** A measure's progress: the measure, then what was reported. */
  measureProgress(measure: string, note: string): string;
  mergedInto(lead: string): string;
  mergedCases(numbers: string[]): string;
  /** A case taken out of this lead's merge, and why. */
  unmerged(number: string, reason: string): string;
  /** Proposers linked by name to the directory's members (a 更正台账's reason). */
  memberLink(kind: CaseKind, names: string[]): string;
}
