/**
 * 答复函 as a Word file: the lines of reply-letter.ts in the usual official-document layout
 * (小标宋 title, 仿宋 body). Imported on the first download, not at start: the docx library costs
 * about 10 MiB of memory that most instances never need.
 */
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, TextRun } from 'docx';
import { body, BODY_FONT, BODY_SIZE, PAGE_MARGIN, TITLE_FONT, title as titleParagraph } from '../../documents/official-style.js';
import { letterLines, letterState, type LetterInput } from './reply-letter.js';

export async function buildReplyLetter(input: LetterInput): Promise<Buffer> {
  const { head, body: lines, foot } = letterLines(input);
  const c = input.config;
  const draft = letterState(input.proposal.reply!) === 'draft';
  const [mark, letterhead, docNo, outcome, title] = draft ? head : [undefined, ...head];
  const children: Paragraph[] = [];
  if (mark)
    children.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: mark, font: BODY_FONT, size: 24, color: '808080' })] }));
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 200 },
      children: [new TextRun({ text: letterhead!, font: TITLE_FONT, size: 64, color: c.letterheadColor, bold: true })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: c.letterheadColor, space: 4 } },
      children: [new TextRun({ text: docNo!, font: BODY_FONT, size: BODY_SIZE })],
    }),
    body(outcome!, { indent: false, align: AlignmentType.LEFT }),
    titleParagraph(title!),
  );
  const [salutation, ...rest] = lines;
  children.push(body(salutation!, { indent: false }));
  for (const line of rest) children.push(body(line));
  const [unit, date, ...notes] = foot;
  children.push(
    new Paragraph({ spacing: { before: 600 } }),
    body(unit!, { indent: false, align: AlignmentType.RIGHT }),
    body(date!, { indent: false, align: AlignmentType.RIGHT }),
  );
  for (const note of notes) children.push(body(note, { indent: false }));
  const doc = new Document({
    creator: c.senderUnit,
    title: title!,
    sections: [{ properties: { page: { margin: PAGE_MARGIN } }, children }],
  });
  return Packer.toBuffer(doc);
}
