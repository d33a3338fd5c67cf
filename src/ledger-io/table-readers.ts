/**
 * Thin readers from a file's bytes to header + rows of text, for `parseProposalTable`.
 * Row i of `rows` is the sheet's line i + 2 (blank lines are kept, so line numbers stay as Excel
 * shows them).
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { loadExcel } from './excel.js';
import type { TableRow } from './proposal-table.parser.js';
import { texts } from './ledger-io.texts.js';
import { AppError } from '../shared/app-error.js';

export interface Table {
  headers: string[];
  rows: TableRow[];
}

/** A file that cannot be read as a table; the message says why, in Chinese. */
export class LedgerFileError extends AppError {
  constructor(message: string) {
    super('ledgerIo.file', message);
  }
}

const toTable = (matrix: string[][]): Table => {
  const [head = [], ...body] = matrix;
  const headers = head.map((h) => h.trim());
  const rows = body.map((cells) => {
    const row: TableRow = {};
    headers.forEach((h, i) => {
      if (h) row[h] = cells[i] ?? '';
    });
    return row;
  });
  return { headers, rows };
};

/** UTF-8 CSV, with or without a BOM, CRLF or LF, as Excel and WPS save it. */
export function readCsvTable(data: Buffer | string, name = 'CSV'): Table {
  try {
    const matrix = parseCsv(data, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
    return toTable(matrix);
  } catch (e) {
    throw new LedgerFileError(texts.badCsv(name, e instanceof Error ? e.message : String(e)));
  }
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A cell as the text a person sees: dates as YYYY-MM-DD, formulas by their result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  // exceljs gives a date cell as the UTC instant whose UTC fields are the cell's wall-clock date.
  if (value instanceof Date) return `${value.getUTCFullYear()}-${pad2(value.getUTCMonth() + 1)}-${pad2(value.getUTCDate())}`;
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('text' in value) return String(value.text);
  if ('error' in value) return '';
  return '';
}

/** The first worksheet of an .xlsx file. */
export async function readXlsxTable(data: Buffer | ArrayBuffer, name = 'Excel'): Promise<Table> {
  const workbook = new (await loadExcel()).Workbook();
  try {
    await workbook.xlsx.load(data as ArrayBuffer);
  } catch {
    throw new LedgerFileError(texts.badXlsx(name));
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new LedgerFileError(texts.noSheet(name));
  const matrix: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c += 1) cells.push(cellText(row.getCell(c).value));
    matrix.push(cells);
  }
  return toTable(matrix);
}

/** Reads a .csv or .xlsx file by its extension. */
export async function readTableFile(path: string): Promise<Table> {
  const ext = extname(path).toLowerCase();
  if (ext !== '.csv' && ext !== '.xlsx') throw new LedgerFileError(texts.unknownFormat(path));
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch {
    throw new LedgerFileError(texts.unreadableFile(path));
  }
  return ext === '.csv' ? readCsvTable(data, path) : readXlsxTable(data, path);
}
