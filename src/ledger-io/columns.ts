/**
 * The columns of a proposal list (提案清单) and of the exported ledger (台账).
 *
 * Import maps columns by header, never by position, since every office orders and names them a
 * little differently; each field lists the synonyms it accepts. The export writes the import
 * columns first, under their main header, then the ledger columns, which an import ignores: so an
 * exported ledger can be imported again and changes nothing.
 */

export const IMPORT_FIELDS = [
  'session',
  'number',
  'title',
  'firstProposer',
  'coSigners',
  'sector',
  'filedAt',
  'handlingType',
  'leadUnit',
  'coUnits',
  'isKey',
  'summary',
  'kind',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export interface ImportColumn {
  field: ImportField;
  /** The header the export writes and messages name. */
  header: string;
  synonyms: readonly string[];
  /** A list cannot be imported without it (届次 may instead be given for the whole file). */
  required: boolean;
  /** How to fill it in, shown when a cell is wrong. */
  hint: string;
  /** A filled-in cell, for the template people download. */
  example: string;
}

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { field: 'session', header: '届次', synonyms: ['届别', '会次'], required: true, hint: '例如 十三届四次', example: '十三届四次' },
  {
    field: 'number',
    header: '提案号',
    synonyms: ['提案编号', '编号', '案号', '提案序号', '建议号', '建议编号', '建议序号'],
    required: true,
    hint: '例如 0102',
    example: '0102',
  },
  {
    field: 'title',
    header: '案由',
    synonyms: ['标题', '提案标题', '题目', '提案名称', '建议标题', '建议名称'],
    required: true,
    hint: '例如 关于健全防止返贫动态监测和帮扶机制的提案',
    example: '关于健全防止返贫动态监测和帮扶机制的提案',
  },
  {
    field: 'firstProposer',
    header: '第一提案人',
    synonyms: ['提案人', '领衔提案人', '领衔人', '第一建议人', '建议人', '领衔代表'],
    required: true,
    hint: '填一位委员的姓名，例如 卢涛',
    example: '卢涛',
  },
  {
    field: 'coSigners',
    header: '联名提案人',
    synonyms: ['联名人', '附议人', '联名委员', '联名代表', '附议代表'],
    required: false,
    hint: '多人用顿号分隔，例如 李国庆、龙刚',
    example: '李国庆、龙刚',
  },
  { field: 'sector', header: '界别', synonyms: ['所属界别', '界别党派', '党派界别'], required: false, hint: '例如 中国民主同盟', example: '中国民主同盟' },
  {
    field: 'filedAt',
    header: '立案日期',
    synonyms: ['立案时间', '提交日期', '提案日期'],
    required: false,
    hint: '例如 2026-01-15、2026/1/15 或 2026年1月15日',
    example: '2026-01-15',
  },
  { field: 'handlingType', header: '办理类型', synonyms: ['办理方式', '承办类型', '主协办'], required: true, hint: '填“主办”或“协办”', example: '主办' },
  { field: 'leadUnit', header: '主办单位', synonyms: ['牵头单位'], required: false, hint: '协办提案须填牵头的外单位，例如 省民政厅', example: '' },
  {
    field: 'coUnits',
    header: '协办单位',
    synonyms: ['会办单位', '配合单位'],
    required: false,
    hint: '多个用顿号分隔，例如 省财政厅、省水利厅',
    example: '省财政厅',
  },
  {
    field: 'isKey',
    header: '是否重点提案',
    synonyms: ['重点提案', '是否重点', '是否重点建议', '重点建议'],
    required: false,
    hint: '填“是”或“否”',
    example: '否',
  },
  {
    field: 'summary',
    header: '内容摘要',
    synonyms: ['摘要', '主要内容', '提案内容', '内容', '建议内容'],
    required: false,
    hint: '一两句话概括提案内容',
    example: '建议完善监测预警，及时落实帮扶措施。',
  },
  {
    field: 'kind',
    header: '类别',
    synonyms: ['类型', '件别', '案件类别', '提案建议类别', '种类'],
    required: false,
    hint: '填“提案”（政协提案）或“建议”（人大代表建议），空着按导入时选的类别（未选为提案）',
    example: '提案',
  },
];

const byField = new Map(IMPORT_COLUMNS.map((c) => [c.field, c]));
export const importColumn = (field: ImportField): ImportColumn => byField.get(field)!;

/** Columns the export adds after the import columns; an import recognises and skips them. */
export const LEDGER_HEADERS = [
  '办理进度',
  '环节',
  '状态',
  '下一期限',
  '下一期限事项',
  '逾期天数',
  '主办处室',
  '协办处室',
  '承办人',
  '交办日期',
  '办前沟通期限',
  '办理意见期限',
  '答复期限',
  '反馈期限',
  '答复日期',
  '答复类别',
  '是否按时',
  '见面沟通',
  '满意度',
  '措施落实',
  '归档日期',
] as const;

/** Headers as people type them: spaces, full-width brackets and a required-marker '*' removed. */
export const normalizeHeader = (header: string): string =>
  header
    .replace(/^\uFEFF/, '')
    .replace(/[\s\u3000*＊]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')');

const BY_HEADER = new Map<string, ImportColumn>(IMPORT_COLUMNS.flatMap((c) => [c.header, ...c.synonyms].map((h) => [normalizeHeader(h), c] as const)));
const LEDGER_SET = new Set<string>(LEDGER_HEADERS.map(normalizeHeader));

/** The import column a header names, 'ledger' for an export-only column, or undefined. */
export function columnFor(header: string): ImportColumn | 'ledger' | undefined {
  const key = normalizeHeader(header);
  return BY_HEADER.get(key) ?? (LEDGER_SET.has(key) ? 'ledger' : undefined);
}
