/**
 * Imports a proposal list into the ledger: all or nothing. Rows already in the ledger (same 届次
 * and 提案号) are skipped, never overwritten, so importing the same file twice changes nothing;
 * those that differ from the ledger are reported, naming the fields.
 */
import type { Actor, ChannelName, Proposal } from '../domain/model.js';
import type { NewProposal, ProposalRepository } from '../domain/ports.js';
import { toLocalDate } from '../domain/shanghai-time.js';
import { parseProposalTable, type ParseOptions, type RowError } from './proposal-table.parser.js';
import type { Table } from './table-readers.js';
import { texts } from './ledger-io.texts.js';

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
  existing: { line: number; session: string; number: string; differs: string[] }[];
}

const keyOf = (p: { session: string; number: string }) => `${p.session}\u0000${p.number}`;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The columns where a row of the list disagrees with the proposal in the ledger. */
export function differingFields(row: NewProposal, stored: Proposal): string[] {
  const localDate = (d?: Date) => (d ? toLocalDate(d) : undefined);
  const checks: [string, unknown, unknown][] = [
    ['案由', row.title, stored.title],
    ['内容摘要', row.summary, stored.summary],
    ['第一提案人', row.proposers[0]?.name, stored.proposers[0]?.name],
    ['联名提案人', row.coSigners, stored.coSigners],
    ['界别', row.sector, stored.sector],
    ['立案日期', localDate(row.filedAt), localDate(stored.filedAt)],
    ['办理类型', row.handlingType, stored.handlingType],
    ['主办单位', row.externalLeadUnit, stored.externalLeadUnit],
    ['协办单位', row.externalCoUnits, stored.externalCoUnits],
    ['是否重点提案', row.isKey, stored.isKey],
  ];
  return checks.filter(([, a, b]) => !same(a, b)).map(([name]) => name);
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
    else report.existing.push({ line: lineOf.get(keyOf(row))!, session: row.session, number: row.number, differs: differingFields(row, old) });
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
    report.existing.push({ line: lineOf.get(keyOf(row))!, session: row.session, number: row.number, differs: [] });
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
  for (const e of report.existing) if (e.differs.length > 0) lines.push(`  ${texts.differs(e.line, e.number, e.differs)}`);
  return lines.join('\n');
}
