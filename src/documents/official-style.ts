/**
 * The official-document look shared by the Word files the service drafts (答复函, 工作报告):
 * 小标宋 titles, 黑体 headings, 仿宋 三号 body with 28 pt line spacing and a two-character indent,
 * and the GB/T 9704 page margins.
 */
import { AlignmentType, Paragraph, TextRun } from 'docx';

export const BODY_FONT = { ascii: 'FangSong_GB2312', eastAsia: '仿宋_GB2312', hAnsi: 'FangSong_GB2312' };
export const TITLE_FONT = { ascii: 'FZXiaoBiaoSong-B05S', eastAsia: '方正小标宋简体', hAnsi: 'FZXiaoBiaoSong-B05S' };
export const HEADING_FONT = { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei' };
/** 三号 = 16 pt; docx sizes are half-points. */
export const BODY_SIZE = 32;
/** Page margins in twentieths of a point (37 mm top, 35 mm bottom, 28 mm left, 26 mm right). */
export const PAGE_MARGIN = { top: 2098, bottom: 1984, left: 1587, right: 1474 };

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

/** A body paragraph: indented two characters and justified unless told otherwise. */
export const body = (text: string, options: { indent?: boolean; align?: Align; bold?: boolean } = {}) =>
  new Paragraph({
    alignment: options.align ?? AlignmentType.JUSTIFIED,
    indent: options.indent === false ? undefined : { firstLine: 640 },
    spacing: { line: 560 },
    children: [new TextRun({ text, font: BODY_FONT, size: BODY_SIZE, bold: options.bold })],
  });

/** The document's title, centred in 二号 小标宋. */
export const title = (text: string) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 400, after: 400 }, children: [new TextRun({ text, font: TITLE_FONT, size: 44 })] });
