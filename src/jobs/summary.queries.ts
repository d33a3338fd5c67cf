/**
 * What the jobs read for summaries and digests, all from the in-memory ledger view: short sorted
 * lists with their full counts, counts of a period's activity, and the proposals with something
 * due. Nothing here queries the database.
 */
import type { CoreServices } from '../domain/services.js';
import type { WorkCalendar } from '../domain/calendar.js';
import { entryAsOf } from '../domain/as-of.js';
import { LedgerView, metricsAt, type LedgerEntry } from '../domain/ledger-view.js';
import { figuresAt, previousWeek, weekOf } from '../domain/summary-period.js';
import type { Names } from '../domain/names.js';
import type { ProposalFilter } from '../domain/ports.js';
import { endOfLocalDay, startOfLocalDay, toLocalDate, type LocalDate } from '../domain/shanghai-time.js';
import { headlineFigures, type HeadlineFigures, type ListedProposal, type ShortList } from '../domain/summary-weekly.js';

const isOpen = (e: LedgerEntry): boolean => e.stage !== 'archived';

/** What rebuilding the ledger as it stood reads: the live view, the proposals' trails, the deadline rules. */
export type AsOfDeps = Pick<CoreServices, 'view' | 'proposals' | 'calendar' | 'ledgerConfig'>;
/** What every summary and digest build reads: the ledger as it stood, and the directory for names. */
export type SummaryDeps = AsOfDeps & Pick<CoreServices, 'directory'>;

/**
 * The ledger view as it stood at each of `instants`. A row unchanged since an instant is the live
 * view's; the proposals changed after the earliest instant are read once, streamed with their audit
 * trails (all of them in one scan when most changed), and rebuilt as of each instant they changed after.
 */
export async function viewsAsOf<T extends readonly Date[]>(core: AsOfDeps, instants: T): Promise<{ [K in keyof T]: LedgerView }> {
  const live = await core.view.current();
  const earliest = Math.min(...instants.map((t) => t.getTime()));
  const views = instants.map(() => new LedgerView());
  const changed = new Set<string>();
  for (const e of live.all()) {
    if (e.changedAt.getTime() > earliest) changed.add(e.id);
    instants.forEach((t, i) => {
      if (e.changedAt <= t) views[i]!.apply([e]);
    });
  }
  const out = views as { [K in keyof T]: LedgerView };
  if (changed.size === 0) return out;
  const ctx = { calendar: core.calendar, deadlines: core.ledgerConfig.deadlines };
  for await (const p of core.proposals.stream(changed.size * 2 > live.size ? undefined : [...changed])) {
    const held = live.get(p.id);
    if (!held || !changed.has(p.id)) continue;
    instants.forEach((t, i) => {
      if (held.changedAt <= t) return;
      const then = entryAsOf(p, t, ctx);
      if (then) views[i]!.apply([then]);
    });
  }
  return out;
}

/**
 * Figures of weeks already closed, kept by whoever shows the trend again and again (the console):
 * a closed week's figures never change, since the trail only grows and each week is read as it
 * stood then. Keyed by filter and week; the oldest go first past TREND_MEMO_MAX.
 */
export type TrendMemo = Map<string, HeadlineFigures>;
const TREND_MEMO_MAX = 2000;

/**
 * 趋势: the headline rates (按时办复率, 见面沟通率, 主办件满意率, 办成率) at the close of each of the
 * last `weeks` weeks, the week in progress last (as of `now`), each from the ledger as it stood then.
 * One streamed read of the changed proposals serves every week not in `memo`. For the console's
 * trend, over the proposals `filter` keeps (a division's own, a session).
 */
export async function weeklyRateSeries(
  core: AsOfDeps,
  now: Date,
  weeks: number,
  filter: ProposalFilter = {},
  memo?: TrendMemo,
): Promise<{ week: string; asOf: Date; figures: HeadlineFigures }[]> {
  const periods = [weekOf(toLocalDate(now))];
  while (periods.length < weeks) periods.unshift(previousWeek(periods[0]!));
  const instants = periods.map((p) => figuresAt(p, now));
  const filterKey = JSON.stringify(filter);
  const keys = periods.map((p) => `${filterKey}|${p.key}`);
  const missing = periods.map((_, i) => i).filter((i) => !memo?.has(keys[i]!));
  const views = await viewsAsOf(
    core,
    missing.map((i) => instants[i]!),
  );
  const figures = new Map(missing.map((i, j) => [i, headlineFigures(metricsAt(views[j]!.select(filter), instants[i]!, core.ledgerConfig.metrics).all)]));
  if (memo) {
    for (const [i, f] of figures) if (instants[i]! < now) memo.set(keys[i]!, f);
    while (memo.size > TREND_MEMO_MAX) memo.delete(memo.keys().next().value!);
  }
  return periods.map((p, i) => ({ week: p.key, asOf: instants[i]!, figures: figures.get(i) ?? memo!.get(keys[i]!)! }));
}

/** The ledger view as it stood at `at`. */
export const viewAsOf = async (core: AsOfDeps, at: Date): Promise<LedgerView> => (await viewsAsOf(core, [at] as const))[0];

function toListed(p: LedgerEntry, names: Names, now: Date, calendar: WorkCalendar): ListedProposal {
  const division = p.leadDivision ? names.divisions.get(p.leadDivision) : undefined;
  const who = p.handlerUserid ?? p.responsibleUserid ?? division?.headUserid;
  const dueAt = p.nextDueAt;
  return {
    id: p.id,
    kind: p.kind,
    number: p.number,
    title: p.title,
    isKey: p.isKey,
    stage: p.stage,
    divisionName: division?.name,
    responsible: who ? names.person(who) : undefined,
    milestone: p.nextDueMilestone,
    dueAt,
    overdue: dueAt !== undefined && dueAt < now,
    overdueWorkdays: dueAt && dueAt < now ? Math.max(0, calendar.workdaysBetween(toLocalDate(dueAt), toLocalDate(now))) : 0,
  };
}

/**
 * The open proposals passing `where` by due date, and how many there are in all: the first `limit`,
 * or with `fold` all of them, to be shown in at most `limit` lines with alike ones folded.
 */
function shortList(
  view: LedgerView,
  where: (e: LedgerEntry) => boolean,
  limit: number,
  names: Names,
  now: Date,
  calendar: WorkCalendar,
  fold = false,
): ShortList {
  const found = view.list({}, { sort: 'due' }, (e) => isOpen(e) && where(e));
  const listed = (fold ? found : found.slice(0, limit)).map((e) => toListed(e, names, now, calendar));
  return fold ? { total: found.length, items: listed, lines: limit } : { total: found.length, items: listed };
}

/** Open proposals past a due date the bureau owes (the member's feedback is not the bureau's delay), alike ones folded. */
export const overdueList = (view: LedgerView, now: Date, limit: number, names: Names, calendar: WorkCalendar, dueBefore: Date = now): ShortList =>
  shortList(view, (e) => e.nextDueAt !== undefined && e.nextDueAt < dueBefore && e.nextDueMilestone !== 'feedback', limit, names, now, calendar, true);

/** Open key proposals, the most pressing first. */
export const keyList = (view: LedgerView, now: Date, limit: number, names: Names, calendar: WorkCalendar): ShortList =>
  shortList(view, (e) => e.isKey, limit, names, now, calendar);

/** Open proposals matching one condition (disputed contacts, dissatisfied ratings, pending extensions). */
export const openListWhere = (
  view: LedgerView,
  where: (e: LedgerEntry) => boolean,
  now: Date,
  limit: number,
  names: Names,
  calendar: WorkCalendar,
): ShortList => shortList(view, where, limit, names, now, calendar);

/**
 * Proposals with a contact the member disputes and no confirmed face-to-face contact since, archived
 * or not: a leader must see that a case was closed on a contact that may never have happened.
 */
export function disputedList(view: LedgerView, now: Date, limit: number, names: Names, calendar: WorkCalendar): ShortList {
  const found = view.list({}, { sort: 'due' }, (e) => e.disputedContact && !e.facts.faceToFaceConfirmed);
  return { total: found.length, items: found.slice(0, limit).map((e) => toListed(e, names, now, calendar)) };
}

/** Proposals received, and replies (or co-handling opinions) sent, in [from, until). */
export function activityCounts(view: LedgerView, from: LocalDate, until: LocalDate): { added: number; replied: number } {
  const start = startOfLocalDay(from);
  const end = startOfLocalDay(until);
  const within = (d: Date | undefined): boolean => d !== undefined && d >= start && d < end;
  let added = 0;
  let replied = 0;
  for (const e of view.all()) {
    if (within(e.receivedAt)) added++;
    const sent = e.handlingType === 'co' ? within(e.milestones.opinion?.doneAt) : e.repliesSentAt.some(within);
    if (sent) replied++;
  }
  return { added, replied };
}

/**
 * The open proposals that may be in someone's digest on `today`, by due date: something due by
 * the end of the due-soon window, or an extension request waiting for a decision.
 */
export function digestCandidates(view: LedgerView, today: LocalDate, dueSoonWorkdays: number, calendar: WorkCalendar): LedgerEntry[] {
  const soon = endOfLocalDay(calendar.addWorkdays(today, dueSoonWorkdays));
  const dueBySoon = (d: Date | undefined): boolean => d !== undefined && d <= soon;
  return view.list(
    {},
    { sort: 'due' },
    (e) =>
      isOpen(e) &&
      (dueBySoon(e.nextDueAt) ||
        e.pendingExtensions.length > 0 ||
        // Assisting divisions' opinions are due by the lead's opinion date, even once the lead's own is in.
        (e.handlingType === 'lead' && dueBySoon(e.milestones.opinion?.dueAt))),
  );
}
