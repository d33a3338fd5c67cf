/** The notes the ledger writes into the audit trail itself (domain/audit-notes.ts): stored, so they read as they always have. */
import type { AuditNotes } from '../domain/audit-notes.js';
import { actionLabel } from './ledger.texts.js';
import { wording } from './kind.texts.js';

export const AUDIT_NOTES: AuditNotes = {
  systemName: '系统',
  undo: (action, reason) => `撤销“${actionLabel(action)}”${reason ? `：${reason}` : ''}`,
  replyBody: (paragraphs) => `正文共 ${paragraphs} 段`,
  measureProgress: (measure, note) => `${measure}：${note}`,
  mergedInto: (lead) => `并入 ${lead}（主案）办理`,
  mergedCases: (numbers) => `并入本案办理：${numbers.join('、')}`,
  unmerged: (number, reason) => `${number}：${reason}`,
  memberLink: (kind, names) => `通讯录更新后按姓名关联到${wording(kind).member}：${names.join('、')}`,
};
