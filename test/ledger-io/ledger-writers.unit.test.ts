/** The exported .xlsx opens in Excel with filter buttons on the header row over every row. */
import { describe, expect, it } from 'vitest';
import { writeLedgerXlsx } from '../../src/ledger-io/ledger-writers.js';
import { readXlsxTable } from '../../src/ledger-io/table-readers.js';
import { readZipEntry } from '../web/unzip.js';

describe('ledger .xlsx', () => {
  it('has an autofilter over the header and all rows, and the cells read back as written', async () => {
    const sheet = {
      headers: ['届次', '提案号', '案由'],
      rows: [
        ['十二届五次', '0102', '关于庭院经济的提案'],
        ['十二届五次', '0103', '关于养老服务的提案'],
      ],
    };
    const file = await writeLedgerXlsx(sheet);
    const xml = readZipEntry(file, 'xl/worksheets/sheet1.xml').toString('utf8');
    expect(xml).toMatch(/<autoFilter ref="A1:C3"\s*\/>/);
    const table = await readXlsxTable(file);
    expect(table.rows.map((r) => r['提案号'])).toEqual(['0102', '0103']);
  });
});
