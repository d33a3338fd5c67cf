/**
 * Reads the jobs need beyond the ledger port: short sorted lists with their full counts,
 * counts of the week's activity, and a stream of proposals with something due. Every list is
 * limited or streamed so memory does not grow with the ledger; projections leave out the audit
 * trail and other bulky arrays.
 */
import type { CoreServices } from '../app.js';
import type { WorkCalendar } from '../domain/calendar.js';
import type { Division, Person, Proposal } from '../domain/model.js';
import { endOfLocalDay, startOfLocalDay, toLocalDate, type LocalDate } from '../domain/shanghai-time.js';
import type { ListedProposal, ShortList } from '../domain/summary-weekly.js';
import { ProposalModel } from '../store/models/proposal.model.js';
import { toProposal } from '../store/proposal.repository.js';

type Query = Record<string, unknown>;

const OPEN: Query = { stage: { $ne: 'archived' } };

/** What a one-line listing needs. */
const LIST_FIELDS = {
  number: 1,
  title: 1,
  isKey: 1,
  stage: 1,
  leadDivision: 1,
  handlerUserid: 1,
  responsibleUserid: 1,
  nextDueAt: 1,
  nextDueMilestone: 1,
};

/** What the digest reads; the audit trail and contact records are left in the database. */
const DIGEST_FIELDS = {
  ...LIST_FIELDS,
  handlingType: 1,
  leaderUserid: 1,
  milestones: 1,
  coOpinions: 1,
  extensions: 1,
};

/** Directory lookups every summary needs, read once per build. */
export interface Names {
  divisions: Map<string, Division>;
  people: Map<string, Person>;
}

export async function loadNames(core: CoreServices): Promise<Names> {
  const [divisions, people] = await Promise.all([core.directory.listDivisions(), core.directory.listPeople()]);
  return { divisions: new Map(divisions.map((d) => [d.code, d])), people: new Map(people.map((p) => [p.userid, p])) };
}

function toListed(doc: Query, names: Names, now: Date, calendar: WorkCalendar): ListedProposal {
  const p = toProposal(doc);
  const division = p.leadDivision ? names.divisions.get(p.leadDivision) : undefined;
  const who = p.handlerUserid ?? p.responsibleUserid ?? division?.headUserid;
  const dueAt = p.nextDueAt ? new Date(p.nextDueAt) : undefined;
  return {
    id: p.id,
    number: p.number,
    title: p.title,
    isKey: p.isKey,
    stage: p.stage,
    divisionName: division?.name,
    responsible: who ? (names.people.get(who)?.name ?? who) : undefined,
    milestone: p.nextDueMilestone,
    dueAt,
    overdueWorkdays: dueAt && dueAt < now ? Math.max(0, calendar.workdaysBetween(toLocalDate(dueAt), toLocalDate(now))) : 0,
  };
}

/**
 * The first `limit` matches in the given order, and how many match in all, from one streamed query
 * (a separate count would scan the collection a second time on servers without index pushdown).
 * Only the first `limit` are kept, so memory stays flat however many match.
 */
async function shortList(q: Query, sort: Record<string, 1 | -1>, limit: number, names: Names, now: Date, calendar: WorkCalendar): Promise<ShortList> {
  const items: ListedProposal[] = [];
  let total = 0;
  for await (const doc of ProposalModel.collection.find(q, { projection: LIST_FIELDS }).sort(sort).batchSize(1000)) {
    if (total++ < limit) items.push(toListed(doc, names, now, calendar));
  }
  return { total, items };
}

const BY_DUE = { nextDueAt: 1, number: 1 } as const;

/** Open proposals past a due date the bureau owes (the member's feedback is not the bureau's delay). */
export const overdueList = (now: Date, limit: number, names: Names, calendar: WorkCalendar, dueBefore: Date = now): Promise<ShortList> =>
  shortList({ ...OPEN, nextDueAt: { $lt: dueBefore }, nextDueMilestone: { $ne: 'feedback' } }, BY_DUE, limit, names, now, calendar);

/** Open key proposals, the most pressing first. */
export const keyList = (now: Date, limit: number, names: Names, calendar: WorkCalendar): Promise<ShortList> =>
  shortList({ ...OPEN, isKey: true }, BY_DUE, limit, names, now, calendar);

/** Open proposals matching one condition (disputed contacts, dissatisfied ratings, pending extensions). */
export const openListWhere = (cond: Query, now: Date, limit: number, names: Names, calendar: WorkCalendar): Promise<ShortList> =>
  shortList({ ...OPEN, ...cond }, BY_DUE, limit, names, now, calendar);

/**
 * Proposals with a contact the member disputes and no confirmed face-to-face contact since, archived
 * or not: a leader must see that a case was closed on a contact that may never have happened.
 */
export const disputedList = (now: Date, limit: number, names: Names, calendar: WorkCalendar): Promise<ShortList> =>
  shortList({ 'contacts.confirmation': 'disputed', 'facts.faceToFaceConfirmed': false }, BY_DUE, limit, names, now, calendar);

/** Proposals received, and replies (or co-handling opinions) sent, in [from, until): one query, counted as it streams. */
export async function activityCounts(from: LocalDate, until: LocalDate): Promise<{ added: number; replied: number }> {
  const start = startOfLocalDay(from);
  const end = startOfLocalDay(until);
  const range = { $gte: start, $lt: end };
  const within = (d: unknown): boolean => d instanceof Date && d >= start && d < end;
  let added = 0;
  let replied = 0;
  const cursor = ProposalModel.collection.find(
    {
      $or: [
        { receivedAt: range },
        { handlingType: 'lead', 'reply.sentAt': range },
        { handlingType: 'lead', 'priorReplies.sentAt': range },
        { handlingType: 'co', 'milestones.opinion.doneAt': range },
      ],
    },
    { projection: { receivedAt: 1, handlingType: 1, 'reply.sentAt': 1, 'priorReplies.sentAt': 1, 'milestones.opinion.doneAt': 1 } },
  );
  for await (const d of cursor) {
    if (within(d.receivedAt)) added++;
    const sent =
      d.handlingType === 'co'
        ? within(d.milestones?.opinion?.doneAt)
        : within(d.reply?.sentAt) || ((d.priorReplies ?? []) as { sentAt?: unknown }[]).some((r) => within(r.sentAt));
    if (sent) replied++;
  }
  return { added, replied };
}

/**
 * Streams the open proposals that may be in someone's digest on `today`: something due by the
 * end of the due-soon window, or an extension request waiting for a decision.
 */
export async function* digestCandidates(today: LocalDate, dueSoonWorkdays: number, calendar: WorkCalendar): AsyncGenerator<Proposal> {
  const soon = endOfLocalDay(calendar.addWorkdays(today, dueSoonWorkdays));
  const q = {
    ...OPEN,
    $or: [
      { nextDueAt: { $lte: soon } },
      { 'extensions.status': 'pending' },
      // Assisting divisions' opinions are due by the lead's opinion date, even once the lead's own is in.
      { handlingType: 'lead', 'milestones.opinion.dueAt': { $lte: soon } },
    ],
  };
  const cursor = ProposalModel.collection.find(q, { projection: DIGEST_FIELDS }).sort({ nextDueAt: 1 }).batchSize(500);
  for await (const doc of cursor) {
    const p = toProposal(doc);
    // Projected-out lists come back as undefined; the digest reads these as empty.
    yield { ...p, coOpinions: p.coOpinions ?? [], extensions: p.extensions ?? [], milestones: p.milestones ?? {} };
  }
}

