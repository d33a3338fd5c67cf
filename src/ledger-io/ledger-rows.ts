/**
 * The ledger (工作台账) as a sheet: the proposal list's own columns, so the file imports again,
 * then where each proposal stands and what is due next. Pure; the CLI and the web console write it
 * with ledger-writers. Every column belongs to a section of the domain's visibility table: a cell
 * the reader may not see is left empty, and a column nobody in the file may see is left out.
 */
import { scopeOfKinds, type KindScope } from '../domain/kind.js';
import type { WorkCalendar } from '../domain/calendar.js';
import { dueStatus, type DeadlinePolicy } from '../domain/deadlines.js';
import { milestoneLabel, SATISFACTION_LABELS, STAGE_LABELS } from '../present/ledger.texts.js';
import type { Proposal } from '../domain/model.js';
import type { Names } from '../domain/names.js';
import { daysBetween, toLocalDate } from '../domain/shanghai-time.js';
import { isIssued, VISIBILITY, type Section } from '../domain/visibility.js';
import { memberStageWord } from '../present/member-view.js';
import { IMPORT_COLUMNS, LEDGER_HEADERS, type ImportField } from './columns.js';
import { texts } from './ledger-io.texts.js';
import { wording } from '../present/kind.texts.js';

export interface LedgerSheet {
  headers: string[];
  rows: string[][];
  /** Which kinds the sheet lists, for its name (提案台账 / 建议台账 / 提案和建议台账); 提案 when absent. */
  scope?: KindScope;
}

export interface LedgerDirectory {
  /** The bureau's own name: the 主办单位 of the proposals it leads. */
  bureau: string;
  /** Who the division codes and userids are. */
  names: Names;
  /** The moment the sheet describes and the rules for 正常/临期/逾期 then. */
  asOf: { now: Date; deadlines: DeadlinePolicy; calendar: WorkCalendar };
  /** What the reader may see of each proposal; default: what the coordinator sees. */
  sees?: (p: Proposal, section: Section) => boolean;
  /** The kind asked for; without it, the kinds among the proposals. */
  scope?: KindScope;
}

const date = (d: Date | undefined): string => (d ? toLocalDate(d) : '');
const yesNo = (b: boolean): string => (b ? texts.yes : texts.no);

const IMPORT_SECTIONS: Record<ImportField, Section> = {
  session: 'facts',
  number: 'facts',
  title: 'facts',
  firstProposer: 'facts',
  coSigners: 'facts',
  sector: 'facts',
  filedAt: 'facts',
  handlingType: 'facts',
  leadUnit: 'unit',
  coUnits: 'unit',
  isKey: 'facts',
  summary: 'facts',
  kind: 'facts',
};

const LEDGER_SECTIONS: Record<(typeof LEDGER_HEADERS)[number], Section> = {
  办理进度: 'progress',
  环节: 'stage',
  状态: 'deadlines',
  下一期限: 'deadlines',
  下一期限事项: 'deadlines',
  逾期天数: 'deadlines',
  主办处室: 'unit',
  协办处室: 'unit',
  承办人: 'staff',
  交办日期: 'deadlines',
  办前沟通期限: 'deadlines',
  办理意见期限: 'deadlines',
  答复期限: 'deadlines',
  反馈期限: 'deadlines',
  答复日期: 'reply',
  答复类别: 'reply',
  是否按时: 'deadlines',
  见面沟通: 'contacts',
  满意度: 'feedback',
  措施落实: 'measures',
  归档日期: 'facts',
};

const coordinatorSees = (p: Proposal, s: Section): boolean => {
  const rule = VISIBILITY[s].coordinator;
  return rule === 'always' || (rule === 'whenIssued' && isIssued(p));
};

/** One row per proposal, in the order given; cells are plain text. */
export function buildLedgerRows(proposals: readonly Proposal[], directory: LedgerDirectory): LedgerSheet {
  const { names } = directory;
  const sees = directory.sees ?? coordinatorSees;
  const { now, deadlines, calendar } = directory.asOf;
  const columns = [
    ...IMPORT_COLUMNS.map((c) => ({ header: c.header, section: IMPORT_SECTIONS[c.field] })),
    ...LEDGER_HEADERS.map((h) => ({ header: h as string, section: LEDGER_SECTIONS[h] })),
  ];

  const visible = proposals.map((p) => new Set(columns.map((c) => c.section).filter((s) => sees(p, s))));
  const cells = proposals.map((p) => {
    const answeredAt = p.reply?.sentAt ?? (p.handlingType === 'co' ? p.milestones.opinion?.doneAt : undefined);
    const open = p.stage !== 'archived' && p.nextDueAt !== undefined;
    const due = open ? dueStatus(p.nextDueAt, now, deadlines, calendar) : 'none';
    const list: Record<ImportField, string> = {
      session: p.session,
      number: p.number,
      title: p.title,
      firstProposer: p.proposers[0]?.name ?? '',
      coSigners: p.coSigners.join('、'),
      sector: p.sector ?? '',
      filedAt: date(p.filedAt),
      handlingType: p.handlingType === 'lead' ? texts.lead : texts.co,
      leadUnit: p.handlingType === 'lead' ? directory.bureau : (p.externalLeadUnit ?? ''),
      coUnits: p.externalCoUnits.join('、'),
      isKey: yesNo(p.isKey),
      summary: p.summary,
      kind: wording(p).case,
    };
    const ledger: Record<(typeof LEDGER_HEADERS)[number], string> = {
      办理进度: memberStageWord(p),
      环节: STAGE_LABELS[p.stage],
      状态: p.stage === 'archived' ? texts.archived : texts.dueWords[due],
      下一期限: open ? date(p.nextDueAt) : '',
      下一期限事项: open && p.nextDueMilestone ? milestoneLabel(p.nextDueMilestone, p.kind) : '',
      逾期天数: due === 'overdue' ? String(Math.max(1, daysBetween(toLocalDate(p.nextDueAt!), toLocalDate(now)))) : '',
      主办处室: names.division(p.leadDivision),
      协办处室: p.assistingDivisions.map((code) => names.division(code)).join('、'),
      承办人: names.person(p.handlerUserid),
      交办日期: date(p.assignedAt),
      办前沟通期限: date(p.milestones.preContact?.dueAt),
      办理意见期限: date(p.milestones.opinion?.dueAt),
      答复期限: date(p.milestones.reply?.dueAt),
      反馈期限: date(p.milestones.feedback?.dueAt),
      答复日期: date(answeredAt),
      答复类别: p.facts.outcome === 'none' ? '' : p.facts.outcome,
      // A case in its second handling is judged again once answered again (see facts.ts).
      是否按时: p.facts.replied && !p.facts.reanswerPending ? yesNo(p.facts.repliedOnTime) : '',
      见面沟通: yesNo(p.facts.faceToFace),
      满意度: p.facts.satisfaction === 'none' ? '' : SATISFACTION_LABELS[p.facts.satisfaction],
      措施落实: p.facts.measuresTotal > 0 ? texts.measures(p.facts.measuresDone, p.facts.measuresTotal) : '',
      归档日期: date(p.archive?.at),
    };
    return [...IMPORT_COLUMNS.map((c) => list[c.field]), ...LEDGER_HEADERS.map((h) => ledger[h])];
  });
  // A column stays when some row may show it; an empty sheet keeps the staff columns.
  const keep = columns.map((c) => (proposals.length ? visible.some((v) => v.has(c.section)) : c.section !== 'progress'));
  const pick = <T>(row: T[]) => row.filter((_, i) => keep[i]);
  return {
    scope: directory.scope ?? scopeOfKinds(proposals.map((p) => p.kind)),
    headers: pick(columns.map((c) => c.header)),
    rows: cells.map((row, r) => pick(row.map((cell, i) => (visible[r]!.has(columns[i]!.section) ? cell : '')))),
  };
}
