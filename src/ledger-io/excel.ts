/**
 * The spreadsheet library, loaded when a workbook is first read or written, not at start: it costs
 * about 25 MiB of memory, and most instances never import or export a file.
 */
import type ExcelJS from 'exceljs';

export const loadExcel = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;
