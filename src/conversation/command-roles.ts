/**
 * Who may use each chat command. A command that changes the ledger is open to the roles the
 * domain's matrix allows for the actions it performs, so chat, 帮助 and the refusals never
 * disagree with the ledger; the read-only views name their roles here.
 */
import { rolesAllowed, type ActionName } from '../domain/permissions.js';
import type { Actor, Role } from '../domain/model.js';
import type { CommandId } from './conversation.texts.js';

const STAFF: Role[] = ['coordinator', 'leader', 'divisionHead', 'handler'];

/** The ledger actions each command may perform. */
const COMMAND_ACTIONS: Partial<Record<CommandId, ActionName[]>> = {
  register: ['register'],
  assign: ['assign'],
  reassign: ['reassign'],
  accept: ['accept'],
  return: ['return'],
  designate: ['designate'],
  advance: ['advance'],
  contact: ['logContact'],
  draftReply: ['draftReply'],
  replyBody: ['draftReply'],
  signOff: ['signOff'],
  sendReply: ['sendReply'],
  coOpinion: ['sendCoOpinion', 'recordCoOpinion'],
  requestExtension: ['requestExtension'],
  approveExtension: ['decideExtension'],
  refuseExtension: ['decideExtension'],
  supervise: ['superviseMeasure'],
  rate: ['feedback'],
  confirmContact: ['confirmContact'],
  dispute: ['confirmContact'],
  archive: ['archive'],
  instruct: ['instruct'],
  chase: ['chase'],
  merge: ['merge'],
  unmerge: ['merge'],
  publish: ['publish'],
  unpublish: ['publish'],
};

/** Views that only some roles read (the others — 查, 我的, 帮助, 取消, 撤销 — are for everyone). */
const VIEW_ROLES: Partial<Record<CommandId, Role[]>> = {
  overdue: STAFF,
  stats: ['coordinator', 'leader', 'divisionHead'],
  report: ['coordinator', 'leader'],
};

/** The roles that may use `word`, or undefined when everyone may. */
export function commandRoles(word: CommandId): readonly Role[] | undefined {
  const actions = COMMAND_ACTIONS[word];
  return actions ? rolesAllowed(...actions) : VIEW_ROLES[word];
}

/** The ledger actions the command may perform (none for views). */
export const commandActions = (word: CommandId): readonly ActionName[] => COMMAND_ACTIONS[word] ?? [];

/** Whether the command performs ledger actions (its refusal is then the ledger's own). */
export const changesLedger = (word: CommandId): boolean => COMMAND_ACTIONS[word] !== undefined;

/** Whether one of the actor's roles may use `word` (on some proposal). */
export function mayUse(actor: Actor, word: CommandId): boolean {
  const roles = commandRoles(word);
  return !roles || actor.roles.some((r) => roles.includes(r));
}
