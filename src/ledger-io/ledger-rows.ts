/**
 * The ledger (工作台账) as a sheet: the proposal list's own columns, so the file imports again,
 * then where each proposal stands. Pure; the CLI and the web console write it with ledger-writers.
 */
import { SATISFACTION_LABELS, STAGE_LABELS } from '../domain/ledger.texts.js';
import type { Division, Person, Proposal } from '../domain/model.js';
import { toLocalDate } from '../domain/shanghai-time.js';
import { IMPORT_COLUMNS, LEDGER_HEADERS } from './columns.js';
import { texts } from './ledger-io.texts.js';

export interface LedgerSheet {
  headers: string[];
  rows: string[][];
}

export interface LedgerDirectory {
  /** The bureau's own name: the 主办单位 of the proposals it leads. */
  bureau: string;
  divisions: readonly Division[];
  people: readonly Person[];
}

const date = (d: Date | undefined): string => (d ? toLocalDate(d) : '');
const yesNo = (b: boolean): string => (b ? texts.yes : texts.no);

/** One row per proposal, in the order given; cells are plain text. */
export function buildLedgerRows(proposals: readonly Proposal[], directory: LedgerDirectory): LedgerSheet {
  const divisionName = new Map(directory.divisions.map((d) => [d.code, d.name]));
  const personName = new Map(directory.people.map((p) => [p.userid, p.name]));
  const division = (code: string) => divisionName.get(code) ?? code;

  const rows = proposals.map((p) => {
    const answeredAt = p.reply?.sentAt ?? (p.handlingType === 'co' ? p.milestones.opinion?.doneAt : undefined);
    const list: Record<(typeof IMPORT_COLUMNS)[number]['field'], string> = {
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
    };
    const ledger: Record<(typeof LEDGER_HEADERS)[number], string> = {
      环节: STAGE_LABELS[p.stage],
      主办处室: p.leadDivision ? division(p.leadDivision) : '',
      协办处室: p.assistingDivisions.map(division).join('、'),
      承办人: p.handlerUserid ? (personName.get(p.handlerUserid) ?? p.handlerUserid) : '',
      交办日期: date(p.assignedAt),
      办前沟通期限: date(p.milestones.preContact?.dueAt),
      办理意见期限: date(p.milestones.opinion?.dueAt),
      答复期限: date(p.milestones.reply?.dueAt),
      反馈期限: date(p.milestones.feedback?.dueAt),
      答复日期: date(answeredAt),
      答复类别: p.facts.outcome === 'none' ? '' : p.facts.outcome,
      是否按时: p.facts.replied ? yesNo(p.facts.repliedOnTime) : '',
      见面沟通: yesNo(p.facts.faceToFace),
      满意度: p.facts.satisfaction === 'none' ? '' : SATISFACTION_LABELS[p.facts.satisfaction],
      措施落实: p.facts.measuresTotal > 0 ? texts.measures(p.facts.measuresDone, p.facts.measuresTotal) : '',
      归档日期: date(p.archive?.at),
    };
    return [...IMPORT_COLUMNS.map((c) => list[c.field]), ...LEDGER_HEADERS.map((h) => ledger[h])];
  });
  return { headers: [...IMPORT_COLUMNS.map((c) => c.header), ...LEDGER_HEADERS], rows };
}
