/** Small pieces shared by the pages: due status, filters and their form. */
import { z } from 'zod';
import { CASE_KINDS, type CaseKind, type KindScope } from '../domain/kind.js';
import { kindTexts, wording } from '../present/kind.texts.js';
import { RATES, rateMembership, type RateName } from '../domain/metrics.js';
import { isOverdueUnanswered } from '../domain/ledger-view.js';
import type { CoreServices } from '../domain/services.js';
import { dueStatus, stageDue, type DueStatus } from '../domain/deadlines.js';
import type { LedgerEntry } from '../domain/ledger-view.js';
import { STAGES, type Actor, type Proposal } from '../domain/model.js';
import type { Names } from '../domain/names.js';
import { staffTodo } from '../domain/todo.js';
import type { ProposalFilter } from '../domain/ports.js';
import { daysBetween, toLocalDate } from '../domain/shanghai-time.js';
import { milestoneLabel, STAGE_LABELS } from '../present/ledger.texts.js';
import { html, query, type SafeHtml } from './html.js';
import type { Viewer } from './viewer.js';
import { webTexts as t, DUE_LABELS } from './web.texts.js';

/** What a deadline's status reads: the clock, the due-soon window and the working days. */
export type DueDeps = Pick<CoreServices, 'clock' | 'ledgerConfig' | 'calendar'>;
/** What the board's and the ledger's filters read: due status, and the metrics' rules for a rate. */
export type FilterDeps = DueDeps & Pick<CoreServices, 'ledger'>;

export const dateOf = (d: Date | undefined): string => (d ? toLocalDate(d) : '');

/** 正常 / 临期 / 逾期 of the deadline that applies at the proposal's stage. */
export function proposalDue(core: DueDeps, p: Pick<Proposal, 'milestones' | 'stage'>): DueStatus {
  return dueStatus(stageDue(p)?.at, core.clock.now(), core.ledgerConfig.deadlines, core.calendar);
}

/** "退回时限 2026-10-21 到期" or "答复 已逾期 3 天": the deadline of the proposal's stage. */
export function dueText(core: Pick<CoreServices, 'clock'>, p: Pick<Proposal, 'milestones' | 'stage'> & { kind?: CaseKind }): string {
  const due = stageDue(p);
  if (!due) return '';
  const label = milestoneLabel(due.milestone, p.kind);
  const now = core.clock.now();
  if (due.at < now) return t.overdueBy(label, Math.max(1, daysBetween(toLocalDate(due.at), toLocalDate(now))));
  return t.dueOn(label, toLocalDate(due.at));
}

export const dueBadge = (status: DueStatus): SafeHtml => html`<span class="due due-${status}">${DUE_LABELS[status]}</span>`;

export const RATE_PARTS = RATES.flatMap((r) => [`${r}-num`, `${r}-den`] as const);
export type RatePart = (typeof RATE_PARTS)[number];

const code = z
  .string()
  .trim()
  .regex(/^[\w.-]{1,64}$/, '只能是字母、数字、-、_ 或 .，例如 kfzd');
/** Empty query values mean "no filter". */
const opt = <T extends z.ZodType>(s: T) => z.preprocess((v) => (v === '' ? undefined : v), s.optional());

/** The board's and the ledger's filters, from the query string. Unknown keys are ignored. */
export const filterSchema = z.object({
  kind: opt(z.enum(CASE_KINDS, { error: '类别只能是 proposal（政协提案）或 suggestion（人大代表建议）' })),
  division: opt(code),
  type: opt(z.enum(['lead', 'co'], { error: '主办/协办只能是 lead 或 co' })),
  key: opt(z.enum(['1'], { error: '重点提案只能是 1' })),
  handler: opt(code),
  session: opt(z.string().trim().max(40, '届次最长 40 个字，例如 十三届四次')),
  q: opt(z.string().trim().max(100, '搜索词最长 100 个字')),
  stage: opt(z.enum(STAGES, { error: `环节只能是 ${STAGES.join('、')} 之一` })),
  due: opt(z.enum(['overdue', 'dueSoon'], { error: '期限只能是 overdue（逾期）或 dueSoon（临期）' })),
  mine: opt(z.enum(['1'], { error: '我的待办只能是 1' })),
  /** Lead division only (the metrics count by it); `division` also takes the assisting ones. */
  leadDivision: opt(code),
  /** The cases behind one rate of the metrics: counted (den) or met (num). */
  rate: opt(z.enum(RATE_PARTS, { error: `指标只能是 ${RATE_PARTS.join('、')} 之一` })),
});
export type Filters = z.infer<typeof filterSchema>;

/** Whether the case is in the part of the rate `rate` names, by the metrics' own rule. */
function inRate(core: Pick<CoreServices, 'ledger' | 'clock'>, e: LedgerEntry, rate: RatePart): boolean {
  const [name, part] = rate.split('-') as [RateName, 'num' | 'den'];
  return rateMembership(
    { ...e.facts, stage: e.stage, handlingType: e.handlingType, kind: e.kind },
    core.ledger.policy.metrics,
    isOverdueUnanswered(e, core.clock.now()),
  )[name][part];
}

export function toProposalFilter(f: Filters): ProposalFilter {
  return {
    ...(f.kind && { kind: f.kind }),
    ...(f.stage && { stages: [f.stage] }),
    ...(f.division && { divisionCode: f.division }),
    ...(f.leadDivision && { leadDivision: f.leadDivision }),
    ...(f.type && { handlingType: f.type }),
    ...(f.key && { isKey: true }),
    ...(f.handler && { handlerUserid: f.handler }),
    ...(f.session && { session: f.session }),
    ...(f.q && { text: f.q }),
  };
}

/** 类别: both kinds, or one (政协提案 / 人大代表建议): the same select on every page that counts or lists. */
export const kindSelect = (current: CaseKind | undefined): SafeHtml => {
  const option = (value: string, label: string) => html`<option value="${value}"${value === (current ?? '') ? html` selected` : ''}>${label}</option>`;
  return html`<label>${t.filter.kind}<select name="kind">${option('', kindTexts.bothLabel)}${CASE_KINDS.map((k) => option(k, wording(k).full))}</select></label>`;
};

/**
 * The filter bar (GET form, so filters live in the URL and can be shared), offering only the
 * divisions and people this viewer may see, and the quick filters 逾期 / 临期 / 我的待办 / 重点.
 */
export function filterForm(action: string, f: Filters, names: Names, viewer: Viewer, extra: SafeHtml | '' = ''): SafeHtml {
  const own = viewer.actor.divisionCode;
  const divisions = [...names.divisions.values()].filter((d) => d.active && (viewer.seesAll || d.code === own));
  const handlers = [...names.people.values()].filter(
    (p) => p.active && p.roles.some((r) => r === 'handler' || r === 'divisionHead') && (viewer.seesAll || (own !== undefined && p.divisionCode === own)),
  );
  const option = (value: string, label: string, current: string | undefined) =>
    html`<option value="${value}"${value === (current ?? '') ? html` selected` : ''}>${label}</option>`;
  const quick: [keyof typeof t.quick, Partial<Filters>, boolean][] = [
    ['overdue', { due: f.due === 'overdue' ? undefined : 'overdue' }, f.due === 'overdue'],
    ['dueSoon', { due: f.due === 'dueSoon' ? undefined : 'dueSoon' }, f.due === 'dueSoon'],
    ['mine', { mine: f.mine ? undefined : '1' }, Boolean(f.mine)],
    ['key', { key: f.key ? undefined : '1' }, Boolean(f.key)],
  ];
  return html`<nav class="quick" aria-label="${t.quickLabel}">${quick.map(
    ([key, change, on]) =>
      html`<a class="chip${on ? ' on' : ''}" data-quick="${key}" href="${action}${query({ ...f, ...change })}"${on ? html` aria-pressed="true"` : ''}>${t.quick[key]}</a>`,
  )}${f.stage ? html`<a class="chip on" href="${action}${query({ ...f, stage: undefined })}">${t.stageChip(STAGE_LABELS[f.stage])}</a>` : ''}${
    f.rate ? html`<a class="chip on" data-rate="${f.rate}" href="${action}${query({ ...f, rate: undefined })}">${t.rateChip(rateLabel(f.rate))}</a>` : ''
  }${f.leadDivision ? html`<a class="chip on" href="${action}${query({ ...f, leadDivision: undefined })}">${t.leadDivisionChip(names.division(f.leadDivision))} ✕</a>` : ''}</nav>
  <form class="filters" method="get" action="${action}">
    ${divisions.length > 1 ? html`<label>${t.filter.division}<select name="division">${option('', t.filter.all, f.division)}${divisions.map((d) => option(d.code, d.name, f.division))}</select></label>` : ''}
    ${kindSelect(f.kind)}
    <label>${t.filter.type}<select name="type">${option('', t.filter.all, f.type)}${option('lead', t.filter.lead, f.type)}${option('co', t.filter.co, f.type)}</select></label>
    <label class="check"><input type="checkbox" name="key" value="1"${f.key ? html` checked` : ''}>${t.filter.keyOnly}</label>
    ${handlers.length > 1 ? html`<label>${t.filter.handler}<select name="handler">${option('', t.filter.all, f.handler)}${handlers.map((p) => option(p.userid, p.name, f.handler))}</select></label>` : ''}
    <label>${t.filter.session}<input name="session" value="${f.session ?? ''}" size="8"></label>
    <label>${t.filter.text}<input name="q" value="${f.q ?? ''}" placeholder="${t.filter.textPlaceholder}"></label>
    ${(['stage', 'due', 'mine', 'leadDivision', 'rate'] as const).map((k) => (f[k] ? html`<input type="hidden" name="${k}" value="${f[k]}">` : ''))}
    ${extra}
    <button type="submit">${t.filter.apply}</button> <a href="${action}">${t.filter.reset}</a>
  </form>`;
}

/** The filters a ProposalFilter does not take: due state of the stage deadline and 我的待办. */
export function viewFilter(core: FilterDeps, f: Filters, actor: Actor): (e: LedgerEntry) => boolean {
  return (e) => (!f.due || proposalDue(core, e) === f.due) && (!f.mine || staffTodo(e, actor) !== undefined) && (!f.rate || inRate(core, e, f.rate));
}

export function applyViewFilters(core: FilterDeps, list: LedgerEntry[], f: Filters, actor: Actor): LedgerEntry[] {
  return list.filter(viewFilter(core, f, actor));
}

type Dated = Pick<Proposal, 'milestones' | 'stage' | 'number'>;

const BY_NUMBER_ZH = new Intl.Collator('zh', { numeric: true });

/** Most urgent first: overdue, then due soonest; those without a deadline last; ties by number. */
export function byUrgency(): (a: Dated, b: Dated) => number {
  // Each case's deadline worked out once per sort, and one collator: a board of 10,000 compares ~130,000 pairs.
  const at = oncePerItem((p: Dated) => stageDue(p)?.at.getTime() ?? Infinity);
  return (a, b) => at(a) - at(b) || BY_NUMBER_ZH.compare(a.number, b.number);
}

/** `f` worked out once per item for one sort (a sort of 10,000 items asks ~130,000 times). */
export function oncePerItem<K, V>(f: (item: K) => V): (item: K) => V {
  const seen = new Map<K, V>();
  return (item) => {
    if (!seen.has(item)) seen.set(item, f(item));
    return seen.get(item)!;
  };
}

/** 按时办复率（计入）, 见面沟通率（已达成）: the cases behind one number of a rate. */
export const rateLabel = (r: RatePart): string => {
  const [name, part] = r.split('-') as [RateName, 'num' | 'den'];
  return t.ratePart(t[name], part);
};

/** 提案台账-开发指导处-重点-逾期-2026-10-09.xlsx: a filtered export says its filter in its name. */
export function exportFileName(f: Filters, names: Names, date: string, ext: string, scope: KindScope): string {
  const parts = [
    f.division && names.division(f.division),
    f.leadDivision && t.leadDivisionChip(names.division(f.leadDivision)),
    f.rate && rateLabel(f.rate),
    f.type && (f.type === 'lead' ? t.filter.lead : t.filter.co),
    f.key && t.filter.key,
    f.handler && names.person(f.handler),
    f.session,
    f.stage && STAGE_LABELS[f.stage],
    f.due && t.quick[f.due],
    f.mine && t.quick.mine,
    f.q && t.exportSearch(f.q),
  ].filter((x): x is string => Boolean(x));
  return [t.exportName(scope), ...parts, date].join('-').replace(/[\\/:*?"<>|\s]+/g, '_') + `.${ext}`;
}
