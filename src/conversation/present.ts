/** How a proposal is named and summarised in replies, for staff and for members. */
import { DEFAULT_KIND, type CaseKind } from '../domain/kind.js';
import { dueStatus } from '../domain/deadlines.js';
import { milestoneLabel } from '../present/ledger.texts.js';
import type { Actor, Proposal } from '../domain/model.js';
import type { ProposalScope } from '../domain/permissions.js';
import { formatLocal } from '../domain/shanghai-time.js';
import { formatDateZh } from '../present/dates.js';
import { stageWordFor } from '../present/member-view.js';
import { texts } from './conversation.texts.js';
import type { CardEnv } from './context.js';

/** How chat names a case; a reference or a row without a kind (written before kinds existed) is a 提案. */
export const labelOf = (p: Pick<Proposal, 'number' | 'title'> & { kind?: CaseKind }): string => texts.label(p.number, p.title, p.kind ?? DEFAULT_KIND);

/** The stage as this person should read it. */
export const stageWord = (p: ProposalScope & Pick<Proposal, 'stage' | 'handlingType'>, viewer: Actor): string => stageWordFor(viewer, p);

/** 'MM-DD HH:mm' in Shanghai: short enough for a card's button. */
export const shortTime = (at: Date): string => formatLocal(at).slice(5);

/** The next deadline with 逾期/临期, or '' when none is open. */
export function dueText(t: CardEnv, p: Pick<Proposal, 'nextDueAt' | 'nextDueMilestone'> & { kind?: CaseKind }): string {
  if (!p.nextDueAt || !p.nextDueMilestone) return '';
  const { ledger, clock } = t.deps.core;
  const status = dueStatus(p.nextDueAt, clock.now(), ledger.policy.deadlines, ledger.calendar);
  const mark = status === 'overdue' ? texts.card.overdue : status === 'dueSoon' ? texts.card.dueSoon : '';
  return `${milestoneLabel(p.nextDueMilestone, p.kind)} ${formatDateZh(p.nextDueAt)}${mark}`;
}

/** Display names for division codes and userids, looked up once per message. */
export async function namesFor(t: CardEnv, p: Proposal): Promise<{ division?: string; handler?: string }> {
  const { directory } = t.deps.core;
  const division = p.leadDivision ? await directory.findDivision(p.leadDivision) : null;
  const handler = p.handlerUserid ? await directory.findPerson(p.handlerUserid) : null;
  return { division: division?.name ?? p.leadDivision, handler: handler?.name ?? p.handlerUserid };
}

/** The person's name for a userid on the audit trail (falls back to the userid). */
export async function personName(t: CardEnv, userid: string): Promise<string> {
  return (await t.deps.core.directory.findPerson(userid))?.name ?? userid;
}
