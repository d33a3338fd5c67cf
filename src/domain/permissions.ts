/**
 * 权限: the one role matrix. Every change checks `ACTION_ROLES` (who may) and `inScope`
 * (on which proposals). A refusal names who may do it.
 */
import { DomainError } from './errors.js';
import type { Actor, Proposal, Role } from './model.js';
import { kindOf, type Refusal } from './refusals.js';

export const ACTIONS = [
  'register',
  'assign',
  'reassign',
  'accept',
  'return',
  'designate',
  'advance',
  'logContact',
  'confirmContact',
  'draftReply',
  'signOff',
  'sendReply',
  'sendCoOpinion',
  'recordCoOpinion',
  'superviseMeasure',
  'feedback',
  'requestExtension',
  'decideExtension',
  'instruct',
  'chase',
  'archive',
  'correct',
  'merge',
  'followLead',
  'undo',
  'report',
  'publish',
] as const;
export type ActionName = (typeof ACTIONS)[number];

const STAFF: Role[] = ['handler', 'divisionHead'];

export const ACTION_ROLES: Record<ActionName, readonly Role[]> = {
  register: ['coordinator'],
  assign: ['coordinator'],
  reassign: ['coordinator'],
  accept: ['divisionHead', 'coordinator'],
  return: ['divisionHead'],
  designate: ['divisionHead', 'coordinator'],
  advance: [...STAFF, 'coordinator'],
  logContact: [...STAFF, 'coordinator'],
  confirmContact: ['member'],
  draftReply: STAFF,
  signOff: ['leader'],
  sendReply: [...STAFF, 'coordinator'],
  sendCoOpinion: STAFF,
  recordCoOpinion: [...STAFF, 'coordinator'],
  superviseMeasure: [...STAFF, 'coordinator'],
  feedback: ['member'],
  requestExtension: STAFF,
  decideExtension: ['coordinator', 'leader'],
  instruct: ['leader'],
  chase: ['coordinator', 'leader'],
  archive: ['coordinator'],
  correct: ['coordinator'],
  merge: ['coordinator'],
  // Run by the system on behalf of whoever changed the lead case; never typed by a person.
  followLead: ['coordinator'],
  // Whose step may be undone is decided by the workflow: one's own, or any by the coordinator.
  undo: ['coordinator', 'leader', 'divisionHead', 'handler', 'member'],
  // 工作报告: bureau-wide figures, for those who see the whole ledger.
  report: ['coordinator', 'leader'],
  // 公开: what the public results page shows is the coordinator's decision, case by case.
  publish: ['coordinator'],
};

/** What deciding who may see or act on a proposal reads (the view's entries have it too). */
export type ProposalScope = Pick<Proposal, 'leadDivision' | 'assistingDivisions' | 'handlerUserid' | 'proposers'> & Partial<Pick<Proposal, 'kind'>>;

/** Actions open to the staff of an assisting division (协办处室) besides seeing the proposal. */
const ASSISTING_ACTIONS = new Set<ActionName | 'view'>(['view', 'recordCoOpinion']);

/** Whether the person may see the proposal at all. */
export function canView(actor: Actor, p: ProposalScope): boolean {
  return viewingRoles(actor, p).length > 0;
}

/** The actor's roles that cover this proposal: what of it they read is visibility.ts's table. */
export function viewingRoles(actor: Actor, p: ProposalScope): Role[] {
  return actor.roles.filter((role) => roleCovers(role, actor, p, 'view'));
}

/** Whether one of the actor's roles both allows `action` and covers this proposal. */
export function rolesFor(action: ActionName, actor: Actor, p: ProposalScope | undefined): Role[] {
  return actor.roles.filter((r) => ACTION_ROLES[action].includes(r) && (!p || roleCovers(r, actor, p, action)));
}

/** The roles that may perform any of `actions` (on some proposal), in the matrix's order. */
export const rolesAllowed = (...actions: ActionName[]): Role[] => [...new Set(actions.flatMap((a) => ACTION_ROLES[a]))];

/** Throws a refusal naming who may act, unless the actor may perform `action` on `p`. */
export function authorize(action: ActionName, actor: Actor, p?: ProposalScope): void {
  if (rolesFor(action, actor, p).length > 0) return;
  const allowed = ACTION_ROLES[action];
  if (p && actor.roles.some((r) => allowed.includes(r))) throw new DomainError('notInScope', scopeRefusal(actor, p));
  throw new DomainError('forbidden', { reason: 'forbidden', allowed, kind: kindOf(p ?? {}) });
}

/**
 * Why a proposal is outside the actor's scope, so that they are told what to do: their division
 * only assists, another division leads it, it has not been assigned yet, or another person of
 * their division was designated.
 */
export function scopeRefusal(actor: Actor, p: ProposalScope): Refusal {
  const staff = actor.roles.some((r) => r === 'divisionHead' || r === 'handler');
  const kind = kindOf(p);
  if (!staff || actor.divisionCode === undefined) return { reason: 'notInScope', kind };
  if (p.assistingDivisions.includes(actor.divisionCode)) return { reason: 'assistingOnly', kind };
  if (p.leadDivision === undefined) return { reason: 'notAssignedToYou', kind };
  if (p.leadDivision !== actor.divisionCode) return { reason: 'notYourDivision', kind };
  return { reason: 'notYourCase', kind };
}

/**
 * Scope of a role on one proposal: coordinators and leaders cover all; a division head covers
 * the proposals led by the division; a handler those they are designated for; a member their own.
 * Staff of an assisting division may see the proposal and record their co-handling opinion.
 */
function roleCovers(role: Role, actor: Actor, p: ProposalScope, action: ActionName | 'view'): boolean {
  const assisting = actor.divisionCode !== undefined && p.assistingDivisions.includes(actor.divisionCode);
  switch (role) {
    case 'coordinator':
    case 'leader':
      return true;
    case 'divisionHead':
      return (actor.divisionCode !== undefined && p.leadDivision === actor.divisionCode) || (assisting && ASSISTING_ACTIONS.has(action));
    case 'handler':
      return p.handlerUserid === actor.userid || (assisting && ASSISTING_ACTIONS.has(action));
    case 'member':
      return p.proposers.some((x) => x.userid === actor.userid);
  }
}
