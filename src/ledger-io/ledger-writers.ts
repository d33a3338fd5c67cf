/**
 * Writes a ledger sheet as .xlsx or .csv. The CSV is UTF-8 with a BOM and CRLF line ends, so Excel
 * opens it with the Chinese intact; the .xlsx stores every cell as text, so 提案号 0102 keeps its zero.
 */
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { loadExcel } from './excel.js';
import type { LedgerSheet } from './ledger-rows.js';
import { texts } from './ledger-io.texts.js';
import { LedgerFileError } from './table-readers.js';

export function writeLedgerCsv(sheet: LedgerSheet): Buffer {
  const body = stringify([sheet.headers, ...sheet.rows], { record_delimiter: 'windows' });
  return Buffer.from(`\uFEFF${body}`, 'utf8');
}

/** Widest cell of a column in display units (a Chinese character counts as two), capped. */
const width = (cells: string[]): number =>
  Math.min(60, Math.max(6, ...cells.map((c) => [...c].reduce((n, ch) => n + (ch.charCodeAt(0) > 0xff ? 2 : 1), 0) + 2)));

export async function writeLedgerXlsx(sheet: LedgerSheet): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  const ws = workbook.addWorksheet(texts.sheetName(sheet.scope), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = sheet.headers.map((header, i) => ({
    header,
    width: width([header, ...sheet.rows.map((r) => r[i] ?? '')]),
    style: { numFmt: '@' },
  }));
  ws.getRow(1).font = { bold: true };
  for (const row of sheet.rows) ws.addRow(row);
  // Filter buttons on the header row over every row, so the sheet can be narrowed in Excel at once.
  if (sheet.headers.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: sheet.rows.length + 1, column: sheet.headers.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Writes by the file's extension (.xlsx or .csv). */
export async function writeLedgerFile(path: string, sheet: LedgerSheet): Promise<void> {
  const ext = extname(path).toLowerCase();
  if (ext !== '.csv' && ext !== '.xlsx') throw new LedgerFileError(texts.unknownFormat(path));
  await writeFile(path, ext === '.csv' ? writeLedgerCsv(sheet) : await writeLedgerXlsx(sheet));
}
