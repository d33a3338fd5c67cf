/**
 * 待办: what a staff member has to do next on a proposal, if anything. One answer for the chat's
 * 我的 and the console's 我的待办 filter.
 */
import type { Actor, Proposal } from './model.js';

export const TODOS = ['assign', 'extension', 'archive', 'signOff', 'accept', 'designate', 'handle', 'send', 'supervise'] as const;
export type Todo = (typeof TODOS)[number];

/** The first of the person's roles that has a task on `p`. */
export function staffTodo(p: Proposal, a: Actor): Todo | undefined {
  const has = (r: Actor['roles'][number]) => a.roles.includes(r);
  const pendingExt = p.extensions.some((e) => e.status === 'pending');
  if (has('coordinator')) {
    if (p.stage === 'registered') return 'assign';
    if (pendingExt) return 'extension';
    if (p.stage === 'feedback') return 'archive';
  }
  if (has('leader') && (!p.leaderUserid || p.leaderUserid === a.userid)) {
    if (p.stage === 'signing') return 'signOff';
    if (pendingExt) return 'extension';
  }
  if (has('divisionHead') && a.divisionCode && p.leadDivision === a.divisionCode) {
    if (p.stage === 'assigned') return 'accept';
    if (!p.handlerUserid && p.stage !== 'registered') return 'designate';
  }
  if (p.handlerUserid === a.userid) {
    if (['researching', 'communicating', 'reviewing'].includes(p.stage)) return 'handle';
    if (p.stage === 'replying') return 'send';
    if (p.stage === 'supervising' && p.measures.some((m) => m.status === 'open')) return 'supervise';
  }
  return undefined;
}
