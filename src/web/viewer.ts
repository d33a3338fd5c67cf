/**
 * Who is looking at the console, resolved once per request: the directory person behind the
 * session (or the local admin), with the role checks the pages need. Proposal-level scope is
 * always the domain's own `canView` (via LedgerService.get/list), never re-implemented here.
 */
import type { Actor, Person } from '../domain/model.js';
import type { Session } from './session.js';
import { webTexts } from './web.texts.js';

export interface Viewer {
  session: Session;
  actor: Actor;
  /** Signed in through the local admin link: sees everything, may act as anyone in the simulator. */
  admin: boolean;
  /** Coordinators (and the admin): import, outbox and job views. */
  isCoordinator: boolean;
  /** Sees every proposal and the bureau-wide figures. */
  seesAll: boolean;
  /** Holds a bureau role: otherwise a member, whose home is their own proposals in plain words. */
  staff: boolean;
  /** Members see no statistics; staff see their division's. */
  canSeeMetrics: boolean;
}

/** The local admin acts as coordinator and leader so every page and the import are open to them. */
export const ADMIN_ACTOR: Actor = { userid: 'web-admin', name: webTexts.adminName, roles: ['coordinator', 'leader'] };

export const actorOf = (p: Person): Actor => ({ userid: p.userid, name: p.name, roles: p.roles, divisionCode: p.divisionCode });

export function viewerFor(session: Session, person: Person | undefined): Viewer {
  const actor = session.admin || !person ? ADMIN_ACTOR : actorOf(person);
  const seesAll = actor.roles.includes('coordinator') || actor.roles.includes('leader');
  return {
    session,
    actor,
    admin: session.admin,
    isCoordinator: actor.roles.includes('coordinator'),
    seesAll,
    staff: actor.roles.some((r) => r !== 'member'),
    canSeeMetrics: seesAll || (actor.divisionCode !== undefined && actor.roles.some((r) => r === 'divisionHead' || r === 'handler')),
  };
}
