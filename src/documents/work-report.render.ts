/** The composed work report as Markdown (preview, chat, a text file); work-report.docx.ts makes the Word draft. */
import type { ReportDocument, ReportTableDoc } from './work-report.compose.js';

/** A cell's text made safe for a Markdown table: no pipe, lines joined with <br>. */
const cell = (s: string): string => s.replace(/\|/g, '｜').replace(/\n/g, '<br>');

function markdownTable(tb: ReportTableDoc): string[] {
  if (tb.rows.length === 0 && tb.empty) return [`**${tb.caption}**：${tb.empty}`, ''];
  return [
    `**${tb.caption}**`,
    '',
    `| ${tb.head.map(cell).join(' | ')} |`,
    `|${tb.head.map(() => ' --- ').join('|')}|`,
    ...tb.rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
    '',
  ];
}

export function workReportMarkdown(doc: ReportDocument): string {
  const lines = [`# ${doc.title}`, ''];
  if (doc.draftMark) lines.push(`> ${doc.draftMark}`, '');
  for (const s of doc.sections) {
    if (s.heading) lines.push(`## ${s.heading}`, '');
    for (const p of s.paragraphs) lines.push(p, '');
    for (const tb of s.tables) lines.push(...markdownTable(tb));
  }
  lines.push(...doc.foot.map((f) => `<p align="right">${f}</p>`));
  return `${lines.join('\n')}\n`;
}
