/**
 * 办理记录 in words: an audit event's kind (domain/audit.ts) with the detail that matters (the
 * rating, 改派 from → to, a contact's phase, method and confirmation state). Used by the timeline,
 * the web page and the card buttons.
 */
import { added, auditKind, type AuditKind } from '../domain/audit.js';
import { actionLabel, METHOD_LABELS, PHASE_LABELS, SATISFACTION_LABELS, STAGE_LABELS } from './ledger.texts.js';
import type { AuditEvent, Contact, Extension, Feedback } from '../domain/model.js';
import { auditTexts as t } from './audit.texts.js';

/** The kind in words, e.g. 签发退回, 驳回延期. */
export function auditKindLabel(kind: AuditKind): string {
  if (kind === 'register') return STAGE_LABELS.registered;
  return t.kinds[kind as keyof typeof t.kinds] ?? actionLabel(kind);
}

/**
 * The event in one phrase with its detail, e.g. `评价：不满意`, `改派：开发指导处 → 社会帮扶处`,
 * `记录沟通：办前沟通·座谈（见面，待委员确认）`. `divisionName` names division codes.
 */
export function describeEvent(e: AuditEvent, divisionName: (code: string) => string = (c) => c): string {
  const kind = auditKind(e);
  const label = auditKindLabel(kind);
  const change = (field: string) => e.changes.find((c) => c.field === field);
  switch (kind) {
    case 'feedback': {
      const f = added<Feedback>(e, 'feedback');
      return f ? t.withDetail(label, SATISFACTION_LABELS[f.rating]) : label;
    }
    case 'assign':
    case 'reassign': {
      const lead = change('leadDivision');
      const helpers = change('assistingDivisions')?.after;
      const co = Array.isArray(helpers) ? helpers.filter((x): x is string => typeof x === 'string').map(divisionName) : [];
      const to = typeof lead?.after === 'string' ? divisionName(lead.after) : '';
      if (kind === 'reassign' && typeof lead?.before === 'string') return t.withDetail(label, t.fromTo(divisionName(lead.before), to, co));
      return to ? t.to(label, to, co) : label;
    }
    case 'logContact': {
      const c = added<Contact>(e, 'contacts');
      if (!c?.phase) return label;
      return t.withDetail(label, t.contact(PHASE_LABELS[c.phase], METHOD_LABELS[c.method], c.faceToFace, c.confirmation));
    }
    case 'approveExtension':
    case 'refuseExtension':
    case 'requestExtension': {
      const x = added<Extension>(e, 'extensions');
      return x ? t.withDetail(label, t.days(x.days)) : label;
    }
    default:
      return label;
  }
}
