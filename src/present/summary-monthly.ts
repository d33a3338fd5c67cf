/**
 * 月调度 as leaders read it: the month's figures, per-division table with scores and the items to
 * coordinate (domain/summary-monthly.ts) as markdown messages.
 */
import { divisionScore, type MonthlySummaryData } from '../domain/summary-monthly.js';
import { headlineFigures, type ShortList } from '../domain/summary-weekly.js';
import { splitMarkdown } from '../shared/split-markdown.js';
import { pct } from './summary-format.js';
import { shortListLines, targetLines } from './summary-weekly.js';
import { summaryTexts as t } from './summary.texts.js';

export function renderMonthly(d: MonthlySummaryData): string[] {
  const title = t.monthlyTitle(d.scope, d.period.key);
  const lines = [title, t.asOf(d.asOf), t.overview(d.all.total, d.all.lead, d.all.co, d.all.key), t.targetsTitle];
  lines.push(...targetLines(headlineFigures(d.all), undefined, ['onTime', 'faceToFace', 'satisfaction', 'delivery']));
  if (d.targets.total > 0) lines.push(t.measureTargets(d.targets.total, d.targets.reached, d.targets.belowHalf));
  lines.push(t.divisionTableTitle);
  for (const div of d.divisions) {
    const m = div.metrics;
    const score = divisionScore(m, d.weights);
    lines.push(
      t.divisionLine(div.name, {
        assigned: m.total,
        replied: m.replied,
        onTime: m.onTime.num,
        f2f: m.faceToFaceConfirmed,
        satisfaction: pct(m.satisfaction),
        delivery: pct(m.delivery),
        score: score === null ? '—' : score.toFixed(1),
      }),
    );
  }
  if (d.unassigned > 0) lines.push(t.unassignedNote(d.unassigned));
  lines.push(t.scoreFormula(d.weights), t.coordinateTitle);
  const lists: [string, ShortList][] = [
    [t.longOverdue(d.longOverdueWorkdays, d.longOverdue.total), d.longOverdue],
    [t.disputed(d.disputed.total), d.disputed],
    [t.dissatisfied(d.dissatisfied.total), d.dissatisfied],
    [t.pendingExtensions(d.pendingExtensions.total), d.pendingExtensions],
  ];
  if (lists.every(([, l]) => l.total === 0)) lines.push(t.nothingToCoordinate);
  for (const [head, list] of lists) {
    if (list.total === 0) continue;
    lines.push(t.listHead(head), ...shortListLines(list, t.listNoun));
  }
  return splitMarkdown(lines, { continued: (n) => t.continued(title, n) });
}
