/**
 * Imports a proposal list into the ledger: all or nothing. Rows already in the ledger (same 届次
 * and 提案号) are skipped, never overwritten, so importing the same file twice changes nothing;
 * those that differ from the ledger are reported, naming the fields, with the correction (更正台账)
 * the file's row amounts to, which the web console offers row by row.
 */
import { applyCorrection, changedFields, type CorrectableField, type Correction } from '../domain/correction.js';
import { isDomainError } from '../domain/errors.js';
import { refusalText } from '../present/refusals.js';
import { DEFAULT_KIND, type CaseKind } from '../domain/kind.js';
import type { Actor, ChannelName, Proposal } from '../domain/model.js';
import type { NewProposal, ProposalRepository } from '../domain/ports.js';
import { toLocalDate } from '../domain/shanghai-time.js';
import { parseProposalTable, type ParseOptions, type RowError } from './proposal-table.parser.js';
import type { Table } from './table-readers.js';
import { importColumn, type ImportField } from './columns.js';
import { texts } from './ledger-io.texts.js';
import { wording } from '../present/kind.texts.js';

/** What writes the new proposals: the ledger service's 登记 (registerMany). */
export interface ProposalRegistrar {
  registerMany(inputs: NewProposal[], actor: Actor, channel: ChannelName): Promise<{ created: Proposal[]; existing: unknown[] }>;
}

export interface ImportDeps {
  proposals: Pick<ProposalRepository, 'find'>;
  registrar: ProposalRegistrar;
}

export interface ImportOptions extends Omit<ParseOptions, 'headers'> {
  dryRun: boolean;
  actor: Actor;
  channel: ChannelName;
}

export interface ImportReport {
  dryRun: boolean;
  /** Every bad row; when any, nothing was imported. */
  errors: RowError[];
  ignoredColumns: string[];
  /** Proposals in the file. */
  total: number;
  /** New proposals: created, or on a dry run those that would be. */
  created: NewProposal[];
  /** Already in the ledger and left as they are; `differs` names the fields that do not match. */
  existing: ExistingRow[];
}

export interface ExistingRow {
  line: number;
  kind: CaseKind;
  session: string;
  number: string;
  differs: string[];
  /** The case in the ledger as read (an update applies only if it is still at this version). */
  stored?: Pick<Proposal, 'id' | 'version'> & Correction;
  /** The file's values where they differ from the ledger, as a correction of the case. */
  correction?: Correction;
  /** Why that correction would be refused (e.g. 办理类型 after 交办): no update is offered. */
  refused?: string;
}

const keyOf = (p: { kind?: CaseKind; session: string; number: string }) => `${p.kind ?? DEFAULT_KIND}\u0000${p.session}\u0000${p.number}`;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Which field of the ledger each column of the list fills (类别, 届次 and 提案号 identify the case). */
const CORRECTS: Record<Exclude<ImportField, 'session' | 'number' | 'kind'>, CorrectableField> = {
  title: 'title',
  summary: 'summary',
  firstProposer: 'proposers',
  coSigners: 'coSigners',
  sector: 'sector',
  filedAt: 'filedAt',
  handlingType: 'handlingType',
  leadUnit: 'externalLeadUnit',
  coUnits: 'externalCoUnits',
  isKey: 'isKey',
};
const ALL_COLUMNS = Object.keys(CORRECTS) as (keyof typeof CORRECTS)[];

/** The columns (of those the file has) where a row of the list disagrees with the proposal in the ledger. */
export function differingFields(row: NewProposal, stored: Proposal, columns: readonly ImportField[] = ALL_COLUMNS): string[] {
  const localDate = (d?: Date) => (d ? toLocalDate(d) : undefined);
  const checks: [ImportField, unknown, unknown][] = [
    ['title', row.title, stored.title],
    ['summary', row.summary, stored.summary],
    ['firstProposer', row.proposers[0]?.name, stored.proposers[0]?.name],
    ['coSigners', row.coSigners, stored.coSigners],
    ['sector', row.sector, stored.sector],
    ['filedAt', localDate(row.filedAt), localDate(stored.filedAt)],
    ['handlingType', row.handlingType, stored.handlingType],
    ['leadUnit', row.externalLeadUnit, stored.externalLeadUnit],
    ['coUnits', row.externalCoUnits, stored.externalCoUnits],
    ['isKey', row.isKey, stored.isKey],
  ];
  return checks.filter(([field, a, b]) => columns.includes(field) && !same(a, b)).map(([field]) => importColumn(field).header);
}

/** The row as a correction of the stored case: only the fields the file has and that differ (none when they agree). */
export function fileCorrection(row: NewProposal, stored: Proposal, columns: readonly ImportField[] = ALL_COLUMNS): Correction {
  const [first, ...others] = stored.proposers;
  const full: Correction = {
    title: row.title,
    summary: row.summary,
    // The list names the first proposer only: the others on the case stay.
    proposers: [first?.name === row.proposers[0]?.name ? first! : row.proposers[0]!, ...others],
    coSigners: row.coSigners,
    sector: row.sector ?? null,
    filedAt: row.filedAt ?? null,
    handlingType: row.handlingType,
    externalLeadUnit: row.externalLeadUnit ?? null,
    externalCoUnits: row.externalCoUnits,
    isKey: row.isKey,
  };
  const given = new Set(columns.flatMap((c) => (c in CORRECTS ? [CORRECTS[c as keyof typeof CORRECTS]] : [])));
  return Object.fromEntries(
    changedFields(stored, full)
      .filter((k) => given.has(k))
      .map((k) => [k, full[k]]),
  );
}

function existingRow(line: number, row: NewProposal, old: Proposal, columns: readonly ImportField[]): ExistingRow {
  const correction = fileCorrection(row, old, columns);
  const fields = Object.keys(correction) as (keyof Correction)[];
  const differs = differingFields(row, old, columns);
  const kind = row.kind ?? DEFAULT_KIND;
  if (fields.length === 0) return { line, kind, session: row.session, number: row.number, differs };
  let refused: string | undefined;
  try {
    applyCorrection(structuredClone(old), correction, '-');
  } catch (err) {
    if (!isDomainError(err)) throw err;
    refused = refusalText(err.refusal);
  }
  return {
    line,
    kind,
    session: row.session,
    number: row.number,
    differs,
    stored: { id: old.id, version: old.version, ...Object.fromEntries(fields.map((k) => [k, old[k]])) },
    correction,
    ...(refused && { refused }),
  };
}

export async function importProposalTable(table: Table, deps: ImportDeps, options: ImportOptions): Promise<ImportReport> {
  const parsed = parseProposalTable(table.rows, { ...options, headers: table.headers });
  const report: ImportReport = {
    dryRun: options.dryRun,
    errors: parsed.errors,
    ignoredColumns: parsed.ignoredColumns,
    total: parsed.errors.length > 0 ? 0 : parsed.proposals.length,
    created: [],
    existing: [],
  };
  if (parsed.errors.length > 0) return report;

  const lineOf = new Map(parsed.proposals.map((p, i) => [keyOf(p), parsed.lines[i]!]));
  const stored = new Map<string, Proposal>();
  for (const session of new Set(parsed.proposals.map((p) => p.session))) {
    for (const p of await deps.proposals.find({ session })) stored.set(keyOf(p), p);
  }
  const fresh: NewProposal[] = [];
  for (const row of parsed.proposals) {
    const old = stored.get(keyOf(row));
    if (!old) fresh.push(row);
    else report.existing.push(existingRow(lineOf.get(keyOf(row))!, row, old, parsed.columns));
  }
  if (options.dryRun || fresh.length === 0) {
    report.created = fresh;
    return report;
  }
  const result = await deps.registrar.registerMany(fresh, options.actor, options.channel);
  const createdKeys = new Set(result.created.map(keyOf));
  report.created = fresh.filter((p) => createdKeys.has(keyOf(p)));
  // Registered by someone else between our check and the write: they count as existing.
  for (const row of fresh.filter((p) => !createdKeys.has(keyOf(p)))) {
    report.existing.push({ line: lineOf.get(keyOf(row))!, kind: row.kind ?? DEFAULT_KIND, session: row.session, number: row.number, differs: [] });
  }
  return report;
}

/** The report as the person reads it, one message per line. */
export function formatImportReport(report: ImportReport): string {
  const lines: string[] = [];
  if (report.ignoredColumns.length > 0) lines.push(texts.ignoredColumns(report.ignoredColumns));
  if (report.errors.length > 0) {
    lines.push(texts.errorsTitle(report.errors.length, new Set(report.errors.map((e) => e.line)).size));
    for (const e of [...report.errors].sort((a, b) => a.line - b.line)) lines.push(`  ${texts.errorLine(e.line, e.message)}`);
    return lines.join('\n');
  }
  lines.push(
    texts.summary({
      total: report.total,
      created: report.created.length,
      existing: report.existing.length,
      dryRun: report.dryRun,
      lead: report.created.filter((p) => p.handlingType === 'lead').length,
      co: report.created.filter((p) => p.handlingType === 'co').length,
      key: report.created.filter((p) => p.isKey).length,
    }),
  );
  for (const e of report.existing) if (e.differs.length > 0) lines.push(`  ${texts.differs(e.line, e.number, e.differs, wording(e.kind).case)}`);
  return lines.join('\n');
}
