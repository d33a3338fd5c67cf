/**
 * 待办: what a staff member has to do next on a proposal, if anything. One answer for the chat's
 * 我的 and the console's 我的待办 filter.
 */
import type { LedgerEntry } from './ledger-view.js';
import type { Actor } from './model.js';
import { isHandling } from './stages.js';

export const TODOS = ['assign', 'extension', 'archive', 'signOff', 'accept', 'designate', 'handle', 'coOpinion', 'send', 'supervise'] as const;
export type Todo = (typeof TODOS)[number];

/** The first of the person's roles that has a task on `p`. */
export function staffTodo(p: LedgerEntry, a: Actor): Todo | undefined {
  const has = (r: Actor['roles'][number]) => a.roles.includes(r);
  const pendingExt = p.pendingExtensions.length > 0;
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
  // An assisting division owes its 协办意见 from the moment the lead division takes the case on.
  if (has('divisionHead') && a.divisionCode && isHandling(p.stage) && p.coOpinions.some((o) => o.divisionCode === a.divisionCode && !o.sentAt))
    return 'coOpinion';
  if (p.handlerUserid === a.userid) {
    if (['researching', 'communicating', 'reviewing'].includes(p.stage)) return 'handle';
    if (p.stage === 'replying') return 'send';
    if (p.stage === 'supervising' && p.facts.measuresDone < p.facts.measuresTotal) return 'supervise';
  }
  return undefined;
}
