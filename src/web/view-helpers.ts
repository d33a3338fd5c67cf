/** Small pieces shared by the pages: names from the directory, due status, filters and their form. */
import { z } from 'zod';
import type { CoreServices } from '../app.js';
import { dueStatus, type DueStatus } from '../domain/deadlines.js';
import type { Division, Person, Proposal } from '../domain/model.js';
import type { ProposalFilter } from '../domain/ports.js';
import { daysBetween, toLocalDate } from '../domain/shanghai-time.js';
import { MILESTONE_LABELS } from '../domain/ledger.texts.js';
import { html, type SafeHtml } from './html.js';
import { webTexts as t, DUE_LABELS } from './web.texts.js';

export interface Names {
  divisions: Division[];
  people: Person[];
  division(code: string | undefined): string;
  person(userid: string | undefined): string;
}

export async function loadNames(core: CoreServices): Promise<Names> {
  const [divisions, people] = await Promise.all([core.directory.listDivisions(), core.directory.listPeople()]);
  const d = new Map(divisions.map((x) => [x.code, x.name]));
  const p = new Map(people.map((x) => [x.userid, x.name]));
  return {
    divisions,
    people,
    division: (code) => (code ? (d.get(code) ?? code) : ''),
    person: (userid) => (userid ? (p.get(userid) ?? userid) : ''),
  };
}

export const dateOf = (d: Date | undefined): string => (d ? toLocalDate(d) : '');

export function proposalDue(core: CoreServices, p: Pick<Proposal, 'nextDueAt'>): DueStatus {
  return dueStatus(p.nextDueAt, core.clock.now(), core.ledgerConfig.deadlines, core.calendar);
}

/** "答复 2026-10-21 到期" or "答复 已逾期 3 天". */
export function dueText(core: CoreServices, p: Pick<Proposal, 'nextDueAt' | 'nextDueMilestone'>): string {
  if (!p.nextDueAt || !p.nextDueMilestone) return '';
  const label = MILESTONE_LABELS[p.nextDueMilestone];
  const now = core.clock.now();
  if (p.nextDueAt < now) return t.overdueBy(label, Math.max(1, daysBetween(toLocalDate(p.nextDueAt), toLocalDate(now))));
  return t.dueOn(label, toLocalDate(p.nextDueAt));
}

export const dueBadge = (status: DueStatus): SafeHtml => html`<span class="due due-${status}">${DUE_LABELS[status]}</span>`;

const code = z.string().trim().regex(/^[\w.-]{1,64}$/, '只能是字母、数字、-、_ 或 .，例如 kfzd');
/** Empty query values mean "no filter". */
const opt = <T extends z.ZodType>(s: T) => z.preprocess((v) => (v === '' ? undefined : v), s.optional());

/** The board's and the ledger's filters, from the query string. Unknown keys are ignored. */
export const filterSchema = z.object({
  division: opt(code),
  type: opt(z.enum(['lead', 'co'], { error: '主办/协办只能是 lead 或 co' })),
  key: opt(z.enum(['1'], { error: '重点提案只能是 1' })),
  handler: opt(code),
  session: opt(z.string().trim().max(40, '届次最长 40 个字，例如 十三届四次')),
  q: opt(z.string().trim().max(100, '搜索词最长 100 个字')),
});
export type Filters = z.infer<typeof filterSchema>;

export function toProposalFilter(f: Filters): ProposalFilter {
  return {
    ...(f.division && { divisionCode: f.division }),
    ...(f.type && { handlingType: f.type }),
    ...(f.key && { isKey: true }),
    ...(f.handler && { handlerUserid: f.handler }),
    ...(f.session && { session: f.session }),
    ...(f.q && { text: f.q }),
  };
}

/** The filter bar (GET form, so filters live in the URL and can be shared). */
export function filterForm(action: string, f: Filters, names: Names, extra: SafeHtml | '' = ''): SafeHtml {
  const handlers = names.people.filter((p) => p.active && p.roles.some((r) => r === 'handler' || r === 'divisionHead'));
  const option = (value: string, label: string, current: string | undefined) =>
    html`<option value="${value}"${value === (current ?? '') ? html` selected` : ''}>${label}</option>`;
  return html`<form class="filters" method="get" action="${action}">
    <label>${t.filter.division}<select name="division">${option('', t.filter.all, f.division)}${names.divisions
      .filter((d) => d.active)
      .map((d) => option(d.code, d.name, f.division))}</select></label>
    <label>${t.filter.type}<select name="type">${option('', t.filter.all, f.type)}${option('lead', t.filter.lead, f.type)}${option('co', t.filter.co, f.type)}</select></label>
    <label class="check"><input type="checkbox" name="key" value="1"${f.key ? html` checked` : ''}>${t.filter.keyOnly}</label>
    <label>${t.filter.handler}<select name="handler">${option('', t.filter.all, f.handler)}${handlers.map((p) => option(p.userid, p.name, f.handler))}</select></label>
    <label>${t.filter.session}<input name="session" value="${f.session ?? ''}" size="8"></label>
    <label>${t.filter.text}<input name="q" value="${f.q ?? ''}" placeholder="${t.filter.textPlaceholder}"></label>
    ${extra}
    <button type="submit">${t.filter.apply}</button> <a href="${action}">${t.filter.reset}</a>
  </form>`;
}
