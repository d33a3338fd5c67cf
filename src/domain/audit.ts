/**
 * 办理记录: what an audit event says happened. The event stores the command and the fields it
 * changed; this reads them back into a distinct kind (签发 vs 签发退回, 批准 vs 驳回延期, 确认 vs
 * 有异议). Pure; used by the card buttons and, in words with the detail, by present/audit.ts.
 */
import type { CommandType } from './commands.js';
import type { AuditEvent, Contact, Extension } from './model.js';

export type AuditKind = CommandType | 'register' | 'signOffBack' | 'approveExtension' | 'refuseExtension' | 'disputeContact';

/** The entry the event appended to the list `field` (a contact, an extension, a rating). */
export const added = <T>(e: AuditEvent, field: string): T | undefined => {
  const v = e.changes.find((c) => c.field === field)?.after;
  return Array.isArray(v) ? (v.at(-1) as T | undefined) : undefined;
};

/** The event's kind: the command, split where one command records two different outcomes. */
export function auditKind(e: AuditEvent): AuditKind {
  switch (e.action) {
    case 'signOff':
      return e.toStage === 'reviewing' ? 'signOffBack' : 'signOff';
    case 'decideExtension':
      return added<Extension>(e, 'extensions')?.status === 'rejected' ? 'refuseExtension' : 'approveExtension';
    case 'confirmContact':
      return added<Contact>(e, 'contacts')?.confirmation === 'disputed' ? 'disputeContact' : 'confirmContact';
    default:
      return e.action as AuditKind;
  }
}
