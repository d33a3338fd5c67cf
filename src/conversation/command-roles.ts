/**
 * Who may use each chat command. A command that changes the ledger is open to the roles the
 * domain's matrix allows for the actions it performs, so chat, 帮助 and the refusals never
 * disagree with the ledger; the read-only views name their roles here.
 */
import { rolesAllowed, type ActionName } from '../domain/permissions.js';
import type { Actor, Role } from '../domain/model.js';
import type { CommandWord } from './conversation.texts.js';

const STAFF: Role[] = ['coordinator', 'leader', 'divisionHead', 'handler'];

/** The ledger actions each command may perform. */
const COMMAND_ACTIONS: Partial<Record<CommandWord, ActionName[]>> = {
  登记: ['register'],
  交办: ['assign'],
  改派: ['reassign'],
  接收: ['accept'],
  退回: ['return'],
  指定: ['designate'],
  推进: ['advance'],
  沟通: ['logContact'],
  答复: ['draftReply'],
  正文: ['draftReply'],
  签发: ['signOff'],
  发文: ['sendReply'],
  协办意见: ['sendCoOpinion', 'recordCoOpinion'],
  延期: ['requestExtension'],
  批准延期: ['decideExtension'],
  驳回延期: ['decideExtension'],
  督办: ['superviseMeasure'],
  反馈: ['feedback'],
  确认: ['confirmContact'],
  有异议: ['confirmContact'],
  归档: ['archive'],
  阅批: ['instruct'],
  催办: ['chase'],
  并案: ['merge'],
  撤销并案: ['merge'],
  公开: ['publish'],
  取消公开: ['publish'],
};

/** Views that only some roles read (the others — 查, 我的, 帮助, 取消, 撤销 — are for everyone). */
const VIEW_ROLES: Partial<Record<CommandWord, Role[]>> = {
  逾期: STAFF,
  统计: ['coordinator', 'leader', 'divisionHead'],
  报告: ['coordinator', 'leader'],
};

/** The roles that may use `word`, or undefined when everyone may. */
export function commandRoles(word: CommandWord): readonly Role[] | undefined {
  const actions = COMMAND_ACTIONS[word];
  return actions ? rolesAllowed(...actions) : VIEW_ROLES[word];
}

/** The ledger actions the command may perform (none for views). */
export const commandActions = (word: CommandWord): readonly ActionName[] => COMMAND_ACTIONS[word] ?? [];

/** Whether the command performs ledger actions (its refusal is then the ledger's own). */
export const changesLedger = (word: CommandWord): boolean => COMMAND_ACTIONS[word] !== undefined;

/** Whether one of the actor's roles may use `word` (on some proposal). */
export function mayUse(actor: Actor, word: CommandWord): boolean {
  const roles = commandRoles(word);
  return !roles || actor.roles.some((r) => roles.includes(r));
}
