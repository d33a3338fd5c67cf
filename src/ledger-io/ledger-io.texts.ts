/**
 * Every Chinese sentence of ledger import and export, kept together so the wording reads as a whole.
 */
import { formatLocal } from '../domain/shanghai-time.js';
import { DEFAULT_KIND, type KindScope } from '../domain/kind.js';
import { kindTexts } from '../present/kind.texts.js';

export const texts = {
  // Header problems (line 1).
  missingColumn: (header: string, synonyms: readonly string[]) => `缺少“${header}”列：请在第 1 行表头加上这一列（也可写作 ${synonyms.join('、')}）。`,
  missingSession: '缺少“届次”列：请在表头加上这一列，或导入时指定届次，例如 十三届四次。',
  sameColumnTwice: (a: string, b: string) => `“${a}”和“${b}”是同一列的不同写法，只能保留一列。`,
  emptyTable: '表格里没有提案：第 1 行应是表头，从第 2 行起每行一件提案。',

  // Cell problems.
  required: (header: string, hint: string) => `“${header}”不能为空，${hint}。`,
  badDate: (header: string, value: string) => `“${header}”写成了“${value}”，不是有效日期：请写 2026-01-15、2026/1/15 或 2026年1月15日。`,
  badHandlingType: (value: string) => `“办理类型”写成了“${value}”：只能填“主办”或“协办”。`,
  badIsKey: (value: string) => `“是否重点提案”写成了“${value}”：只能填“是”或“否”（空着按“否”）。`,
  oneFirstProposer: (value: string) => `“第一提案人”只填一位委员，现为“${value}”：其余委员请填在“联名提案人”。`,
  leadUnitForCo: '协办提案须填写“主办单位”（牵头的外单位），例如 省民政厅。',
  badKind: (header: string, value: string) => `“${header}”写成了“${value}”：只能填“提案”（政协提案）或“建议”（人大代表建议），空着按导入时选的类别。`,
  kindMismatch: (header: string, value: string, expected: string) =>
    `“${header}”为“${value}”，与本次导入选的类别“${expected}”不一致：请核对，或导入时不选类别，按这一列导入。`,
  sessionMismatch: (value: string, expected: string) => `“届次”为“${value}”，与本次导入指定的届次“${expected}”不一致：请核对，或不指定届次。`,
  duplicateNumber: (number: string, firstLine: number, kind: string) =>
    `${kind}号 ${number} 与第 ${firstLine} 行重复：同一届次同一类别的编号不能重复（提案和建议可以同号）。`,

  // Import report.
  errorsTitle: (count: number, lines: number) => `文件有 ${count} 处错误（涉及 ${lines} 行），未导入任何提案。请改正后重新导入：`,
  errorLine: (line: number, message: string) => (line > 0 ? `第 ${line} 行：${message}` : message),
  ignoredColumns: (headers: string[]) => `以下列不认识，已忽略：${headers.join('、')}`,
  differs: (line: number, number: string, fields: string[], kind: string) =>
    `第 ${line} 行：${kind}号 ${number} 已在台账中，但${fields.join('、')}与文件不同；台账未改动，如需更正请在台账中修改。`,
  summary: (r: { total: number; created: number; existing: number; dryRun: boolean; lead: number; co: number; key: number }) =>
    r.dryRun
      ? `试导入（未写入）：共 ${r.total} 件，将新增 ${r.created} 件（主办 ${r.lead} 件、协办 ${r.co} 件、重点提案 ${r.key} 件），已存在 ${r.existing} 件。`
      : `导入完成：共 ${r.total} 件，新增 ${r.created} 件（主办 ${r.lead} 件、协办 ${r.co} 件、重点提案 ${r.key} 件），已存在 ${r.existing} 件（未改动）。`,

  // File reading.
  unknownFormat: (name: string) => `不支持的文件类型：${name}。请用 .xlsx 或 .csv 文件（Excel 可“另存为”这两种格式）。`,
  unreadableFile: (name: string) => `读不到文件 ${name}：请确认路径，例如 samples/proposals-2026.xlsx。`,
  badXlsx: (name: string) => `${name} 不是有效的 Excel（.xlsx）文件；旧的 .xls 请在 Excel 中另存为 .xlsx。`,
  badCsv: (name: string, detail: string) => `${name} 不是有效的 CSV 文件：${detail}`,
  noSheet: (name: string) => `${name} 里没有工作表。`,

  // Export values.
  yes: '是',
  archived: '已办结',
  dueWords: { onTrack: '正常', dueSoon: '临期', overdue: '逾期', none: '' },
  no: '否',
  lead: '主办',
  co: '协办',
  sheetName: (scope: KindScope = DEFAULT_KIND) => `${kindTexts.scopeShort(scope)}台账`,
  measures: (done: number, total: number) => `${done}/${total}项`,

  // Timeline of `show`.
  timelineLine: (at: Date, who: string, channel: string, action: string, move: string, note?: string) =>
    `${formatLocal(at)} ${who} 通过${channel} ${action}${move ? `: ${move}` : ''}${note ? ` (${note})` : ''}`,
} as const;

export const HANDLING_TYPE_WORDS: Record<string, 'lead' | 'co'> = { 主办: 'lead', 主办件: 'lead', 协办: 'co', 协办件: 'co' };
export const YES_NO_WORDS: Record<string, boolean> = { 是: true, 否: false, '': false };
