/**
 * The composed work report as a Word draft. Imported when a draft is downloaded, not at start: the
 * docx library costs about 10 MiB of memory that most instances never need.
 */
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { body, BODY_FONT, HEADING_FONT, BODY_SIZE, PAGE_MARGIN, title } from './official-style.js';
import type { ReportDocument, ReportTableDoc } from './work-report.compose.js';

/** Tables in 仿宋 四号 (14 pt), so nine columns still fit the page. */
const TABLE_SIZE = 24;
const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

const tableCell = (text: string, bold = false) =>
  new TableCell({
    children: text
      .split('\n')
      .map((line) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: line, font: BODY_FONT, size: TABLE_SIZE, bold })] })),
  });

function wordTable(tb: ReportTableDoc): (Paragraph | Table)[] {
  const caption = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 200, after: 100 },
    children: [new TextRun({ text: tb.caption, font: HEADING_FONT, size: TABLE_SIZE })],
  });
  if (tb.rows.length === 0 && tb.empty) return [body(`${tb.caption}：${tb.empty}`)];
  return [
    caption,
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE },
      rows: [
        new TableRow({ tableHeader: true, children: tb.head.map((h) => tableCell(h, true)) }),
        ...tb.rows.map((row) => new TableRow({ children: row.map((c) => tableCell(c)) })),
      ],
    }),
  ];
}

export async function workReportDocx(doc: ReportDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  if (doc.draftMark)
    children.push(
      new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: doc.draftMark, font: BODY_FONT, size: 24, color: '808080' })] }),
    );
  children.push(title(doc.title));
  for (const s of doc.sections) {
    if (s.heading)
      children.push(
        new Paragraph({
          indent: { firstLine: 640 },
          spacing: { line: 560 },
          children: [new TextRun({ text: s.heading, font: HEADING_FONT, size: BODY_SIZE })],
        }),
      );
    for (const p of s.paragraphs) children.push(body(p));
    for (const tb of s.tables) children.push(...wordTable(tb));
  }
  children.push(new Paragraph({ spacing: { before: 600 } }), ...doc.foot.map((f) => body(f, { indent: false, align: AlignmentType.RIGHT })));
  const file = new Document({ creator: doc.bureau, title: doc.title, sections: [{ properties: { page: { margin: PAGE_MARGIN } }, children }] });
  return Packer.toBuffer(file);
}
