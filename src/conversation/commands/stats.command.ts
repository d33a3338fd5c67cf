/** 统计: the three 100% targets and more, bureau-wide, for a division, or what happened this week/month. */
import { scopeOfKinds } from '../../domain/kind.js';
import { kindTexts } from '../../present/kind.texts.js';
import { STAGE_LABELS } from '../../present/ledger.texts.js';
import type { Rate } from '../../domain/metrics.js';
import { STAGES, type Proposal } from '../../domain/model.js';
import type { ProposalFilter } from '../../domain/ports.js';
import { addDays, startOfLocalDay, toLocalDate, weekday } from '../../domain/shanghai-time.js';
import { texts } from '../conversation.texts.js';
import { takeKind } from '../parse/text.js';
import { say, type Turn } from '../context.js';
import { InputError } from '../../shared/input-error.js';
import type { ChatCommand } from '../router.js';

const pct = (r: Rate): string => (r.rate === null ? texts.stats.noRate : `${Math.round(r.rate * 1000) / 10}%`);

/** Start of this Shanghai week (Monday) or month, as an instant. */
function periodStart(now: Date, period: 'week' | 'month'): Date {
  const today = toLocalDate(now);
  const day = period === 'week' ? addDays(today, -((weekday(today) + 6) % 7)) : `${today.slice(0, 8)}01`;
  return startOfLocalDay(day);
}

/** What happened in the period, counted from the proposals' audit trails and contacts. */
function periodLine(proposals: Proposal[], from: Date): string {
  const events = proposals.flatMap((p) => p.events.filter((e) => e.at >= from));
  const count = (action: string) => events.filter((e) => e.action === action).length;
  const contacts = proposals.flatMap((p) => p.contacts.filter((c) => c.at >= from));
  return texts.stats.period(
    count('assign') + count('reassign'),
    contacts.length,
    contacts.filter((c) => c.faceToFace).length,
    count('sendReply'),
    count('feedback'),
    count('archive'),
  );
}

async function stats(t: Turn, typed: string): Promise<void> {
  const { ledger, directory, clock } = t.deps.core;
  const { kind, rest: args } = takeKind(typed);
  const s = texts.stats;
  const everything = t.actor.roles.includes('coordinator') || t.actor.roles.includes('leader');
  // The router lets only those three roles in; a division head without a division sees nothing.
  if (!everything && !t.actor.divisionCode) return say(t, s.noDivision);
  const period = args === s.week ? 'week' : args === s.month ? 'month' : undefined;
  const filter: ProposalFilter = kind ? { kind } : {};
  let scope = s.all;
  if (args && !period) {
    const division = await directory.findDivision(args);
    if (!division) throw new InputError(texts.badInput(s.unknownArg(args), 'stats'));
    filter.leadDivision = division.code;
    scope = division.name;
  }
  // A division head sees their own division only, and is told so when they name another.
  if (!everything) {
    const own = (await directory.findDivision(t.actor.divisionCode!))?.name ?? s.all;
    if (filter.leadDivision !== undefined && filter.leadDivision !== t.actor.divisionCode) return say(t, s.ownDivisionOnly(own));
    filter.leadDivision = t.actor.divisionCode;
    scope = own;
  }
  const m = (await ledger.metrics(filter)).all;
  // Unasked, the words follow what is counted: a ledger of 提案 alone is not called 提案和建议.
  const what = kindTexts.scopeShort(kind ?? scopeOfKinds((await ledger.list(filter, t.actor)).map((e) => e.kind)));
  const lines = [
    s.title(what, period ? `${scope} · ${period === 'week' ? s.week : s.month}` : scope),
    s.total(what, m.total, m.lead, m.co, m.key),
    s.rate(s.onTime, pct(m.onTime), m.onTime.num, m.onTime.den),
    s.rate(s.faceToFace, pct(m.faceToFace), m.faceToFace.num, m.faceToFace.den),
    s.confirmed(m.faceToFaceConfirmed),
    s.rate(s.satisfaction, pct(m.satisfaction), m.satisfaction.num, m.satisfaction.den),
    s.rate(s.delivery, pct(m.delivery), m.delivery.num, m.delivery.den),
    s.overdue(m.overdueUnanswered),
    s.byStage(STAGES.filter((st) => m.byStage[st]).map((st) => `${STAGE_LABELS[st]} ${m.byStage[st]}`)),
  ];
  if (period) {
    const from = periodStart(clock.now(), period);
    // Only what changed in the period is read in full, for its audit trail and contacts.
    lines.push(periodLine(await ledger.listDocuments(filter, t.actor, (e) => e.changedAt >= from), from));
  }
  await say(t, lines.join('\n'));
}

export const statsCommands: ChatCommand[] = [{ id: 'stats', needsProposal: false, run: stats }];
