/** 报告 <年份>: the year's work report drafted from the ledger, in brief, with a link to the full draft. */
import { draftWorkReport, readReportPeriod, reportPagePath } from '../../documents/work-report.service.js';
import { reportValues } from '../../documents/work-report.compose.js';
import { reportTexts } from '../../documents/work-report.texts.js';
import { texts } from '../conversation.texts.js';
import { takeKind } from '../parse/text.js';
import { say, type Turn } from '../context.js';
import { InputError } from '../../shared/input-error.js';
import type { ChatCommand } from '../router.js';

async function report(t: Turn, args: string): Promise<void> {
  // Who may draft it is the router's check (command-roles.ts).
  const s = reportTexts.chat;
  const { kind, rest } = takeKind(args);
  const period = readReportPeriod(rest);
  if ('error' in period) throw new InputError(texts.badInput(period.error, 'report'));
  const { report: r, document } = await draftWorkReport(t.deps.core, t.actor, { ...period, ...(kind && { kind }) });
  const v = reportValues(r, document.bureau);
  const n = reportTexts.tables.rateNames;
  const base = t.deps.options.publicUrl?.replace(/\/+$/, '');
  await say(
    t,
    [
      s.heading(document.title),
      s.total(v),
      s.rate(n.onTime, v.onTimeRate, v.onTimeNum, v.onTimeDen),
      s.rate(n.faceToFace, v.faceToFaceRate, v.faceToFaceNum, v.faceToFaceDen),
      s.rate(n.satisfaction, v.satisfactionRate, v.satisfactionNum, v.satisfactionDen),
      s.rate(n.delivery, v.deliveryRate, v.deliveryNum, v.deliveryDen),
      s.outcomes(v.outcomeA, v.outcomeB, v.outcomeC),
      s.contacts(v),
      s.late(v.lateCount, v.overdueCount, v.extendedCount),
      base ? s.link(`${base}${reportPagePath(period)}`) : s.noLink,
    ].join('\n'),
  );
}

export const reportCommands: ChatCommand[] = [{ id: 'report', needsProposal: false, readOnly: true, run: report }];
