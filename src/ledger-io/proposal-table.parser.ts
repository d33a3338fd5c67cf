/**
 * Turns the rows of a proposal list (提案清单) into new proposals, checking every row.
 * Pure: no I/O, so the CLI and the web console's preview share it. A file with any bad row is
 * imported not at all; `errors` then names every bad row with the line Excel shows (the header
 * is line 1, the first proposal line 2).
 */
import { z } from 'zod';
import { DEFAULT_KIND, readKind, type CaseKind } from '../domain/kind.js';
import { membersByName, proposerNamed } from '../domain/member-links.js';
import type { Person } from '../domain/model.js';
import type { NewProposal } from '../domain/ports.js';
import { fromEpochDay, isLocalDate, startOfLocalDay, type LocalDate } from '../domain/shanghai-time.js';
import { columnFor, importColumn, IMPORT_COLUMNS, type ImportField } from './columns.js';
import { HANDLING_TYPE_WORDS, texts, YES_NO_WORDS } from './ledger-io.texts.js';
import { wording } from '../present/kind.texts.js';

/** One row as read from a sheet: header → cell text. */
export type TableRow = Record<string, string>;

export interface RowError {
  /** As Excel shows it: 1 is the header. */
  line: number;
  /** The header of the offending column, as written in the file. */
  field?: string;
  message: string;
}

export interface ParseOptions {
  /** 类别 chosen for the whole file: rows leaving the column blank (or a file without it) take it; a different one is an error. */
  kind?: CaseKind;
  /** 收文日期: when the bureau received the list; deadlines count from it. */
  receivedAt: Date;
  /** 届次 for rows that leave it blank (or a file without the column); a different one is an error. */
  session?: string;
  /** People to link first proposers to: a member whose name is unique gets the proposal's userid. */
  members?: readonly Person[];
  /** The header row, when known; otherwise taken from the rows' keys. */
  headers?: readonly string[];
}

export interface ParsedTable {
  proposals: NewProposal[];
  /** `lines[i]` is the line of `proposals[i]`. */
  lines: number[];
  errors: RowError[];
  /** Headers neither imported nor exported by the ledger: shown to the user, otherwise skipped. */
  ignoredColumns: string[];
  /** The fields the file has a column for: a missing column says nothing about the ledger's value. */
  columns: ImportField[];
}

/** The line of `rows[i]`: the header is line 1. */
export const lineOf = (index: number): number => index + 2;

const EXCEL_EPOCH_OFFSET = 25_569; // Excel serial day of 1970-01-01
const DATE_PATTERNS = [/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/, /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/];

/**
 * A calendar date as people write it: 2026-01-15, 2026/1/15, 2026.1.15, 2026年1月15日, or an
 * Excel serial day number (46037). Null when it is none of these or not a real date.
 */
export function parseCalendarDate(text: string): LocalDate | null {
  const s = text.trim();
  if (/^\d{5}(?:\.\d+)?$/.test(s)) return fromEpochDay(Math.floor(Number(s)) - EXCEL_EPOCH_OFFSET);
  for (const pattern of DATE_PATTERNS) {
    const m = pattern.exec(s);
    if (!m) continue;
    const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
    return isLocalDate(date) ? date : null;
  }
  return null;
}

/** Names or units in one cell: 李国庆、龙刚 (also , ， ; ；or line breaks). */
export const splitList = (cell: string): string[] =>
  cell
    .split(/[、,，;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** One zod schema per row; messages name the column as the file writes it. */
function rowSchema(headerOf: (field: ImportField) => string) {
  const text = z.string().transform((s) => s.trim());
  const required = (field: ImportField) => text.refine((s) => s.length > 0, { error: texts.required(headerOf(field), importColumn(field).hint) });
  const custom = <T>(parse: (s: string) => T | undefined, message: (s: string) => string) =>
    text.transform((s, ctx) => {
      const value = parse(s);
      if (value === undefined) {
        ctx.addIssue({ code: 'custom', message: message(s) });
        return z.NEVER;
      }
      return value;
    });
  return z.object({
    session: text,
    number: required('number'),
    title: required('title'),
    firstProposer: required('firstProposer').refine((s) => splitList(s).length <= 1, {
      error: (issue) => texts.oneFirstProposer(String(issue.input)),
    }),
    coSigners: text.transform(splitList),
    sector: text,
    filedAt: custom<LocalDate | null>(
      (s) => (s === '' ? null : (parseCalendarDate(s) ?? undefined)),
      (s) => texts.badDate(headerOf('filedAt'), s),
    ),
    handlingType: required('handlingType').pipe(custom((s) => HANDLING_TYPE_WORDS[s], texts.badHandlingType)),
    leadUnit: text,
    coUnits: text.transform(splitList),
    isKey: custom((s) => YES_NO_WORDS[s], texts.badIsKey),
    summary: text,
    kind: custom<CaseKind | null>(
      (s) => (s === '' ? null : readKind(s)),
      (s) => texts.badKind(headerOf('kind'), s),
    ),
  });
}

/** Validates every row; see the module comment. */
export function parseProposalTable(rows: readonly TableRow[], options: ParseOptions): ParsedTable {
  const headers = options.headers ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const result: ParsedTable = { proposals: [], lines: [], errors: [], ignoredColumns: [], columns: [] };
  const headerError = (message: string, field?: string) => result.errors.push({ line: 1, ...(field && { field }), message });

  // Which header feeds which field.
  const headerFor = new Map<ImportField, string>();
  for (const header of headers) {
    if (!header.trim()) continue;
    const col = columnFor(header);
    if (col === undefined) result.ignoredColumns.push(header);
    if (col === undefined || col === 'ledger') continue;
    const taken = headerFor.get(col.field);
    if (taken) headerError(texts.sameColumnTwice(taken, header), header);
    else headerFor.set(col.field, header);
  }
  for (const col of IMPORT_COLUMNS) {
    if (!col.required || headerFor.has(col.field)) continue;
    if (col.field === 'session') {
      if (!options.session) headerError(texts.missingSession, col.header);
    } else headerError(texts.missingColumn(col.header, col.synonyms), col.header);
  }
  if (result.errors.length > 0) return result;

  result.columns = [...headerFor.keys()];
  const headerOf = (field: ImportField) => headerFor.get(field) ?? importColumn(field).header;
  const schema = rowSchema(headerOf);
  const members = membersByName(options.members ?? []);
  const seen = new Map<string, number>();
  let nonBlank = 0;

  rows.forEach((row, index) => {
    const line = lineOf(index);
    const raw = Object.fromEntries(
      IMPORT_COLUMNS.map((c) => {
        const header = headerFor.get(c.field);
        return [c.field, header === undefined ? '' : String(row[header] ?? '')];
      }),
    ) as Record<ImportField, string>;
    if (Object.values(raw).every((v) => v.trim() === '')) return; // blank lines are allowed
    nonBlank += 1;
    const errorsBefore = result.errors.length;
    const fail = (field: ImportField, message: string) => result.errors.push({ line, field: headerOf(field), message });

    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) fail(issue.path[0] as ImportField, issue.message);
    }
    const session = raw.session.trim() || options.session || '';
    if (!session) fail('session', texts.required(headerOf('session'), importColumn('session').hint));
    else if (options.session && session !== options.session) fail('session', texts.sessionMismatch(session, options.session));
    if (HANDLING_TYPE_WORDS[raw.handlingType.trim()] === 'co' && !raw.leadUnit.trim()) fail('leadUnit', texts.leadUnitForCo);
    const cellKind = readKind(raw.kind.trim());
    if (cellKind && options.kind && cellKind !== options.kind) fail('kind', texts.kindMismatch(headerOf('kind'), raw.kind.trim(), wording(options.kind).case));
    const kind = cellKind ?? options.kind ?? DEFAULT_KIND;
    const number = raw.number.trim();
    if (number) {
      // 0001 may be a 提案 and a 建议 in the same file, never twice the same kind.
      const key = `${kind}\u0000${session}\u0000${number}`;
      const first = seen.get(key);
      if (first !== undefined) fail('number', texts.duplicateNumber(number, first, wording(kind).case));
      else seen.set(key, line);
    }
    if (!parsed.success || result.errors.length > errorsBefore) return;

    const r = parsed.data;
    result.proposals.push({
      kind,
      session,
      number,
      title: r.title,
      summary: r.summary,
      proposers: [proposerNamed(r.firstProposer, r.sector, members)],
      coSigners: r.coSigners,
      ...(r.sector && { sector: r.sector }),
      ...(r.filedAt && { filedAt: startOfLocalDay(r.filedAt) }),
      receivedAt: options.receivedAt,
      handlingType: r.handlingType,
      ...(r.handlingType === 'co' && { externalLeadUnit: r.leadUnit }),
      externalCoUnits: r.coUnits,
      isKey: r.isKey,
      assistingDivisions: [],
    });
    result.lines.push(line);
  });
  if (nonBlank === 0) headerError(texts.emptyTable);
  return result;
}
