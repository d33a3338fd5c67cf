/** Admin views: the outbox (pending, sent, failed with its reason, retry) and scheduled job runs. */
import { formatLocal } from '../../domain/shanghai-time.js';
import type { OutboxRow } from '../../domain/outbox.port.js';
import { html, type SafeHtml } from '../html.js';
import { csrfField } from '../layout.js';
import type { Viewer } from '../viewer.js';
import type { JobRunRow, ScheduleRow } from '../web-deps.js';
import type { Names } from '../../domain/names.js';
import { JOB_LABELS, JOB_STATUS_LABELS, OUTBOX_STATUS_LABELS, PURPOSE_LABELS, webTexts as t } from '../web.texts.js';

export const OUTBOX_TABS = ['pending', 'failed', 'sent', 'sending', 'dropped'] as const;
const when = (d: Date | undefined) => (d ? formatLocal(new Date(d)) : '');

const tabs = (active: 'outbox' | 'jobs') =>
  html`<p class="tabs"><a href="/admin/outbox"${active === 'outbox' ? html` class="active"` : ''}>${t.outboxTitle}</a> <a href="/admin/jobs"${active === 'jobs' ? html` class="active"` : ''}>${t.jobsTitle}</a></p>`;

function recipient(row: OutboxRow, names: Names): string {
  const to = row.to;
  if (to.kind === 'user') return `${t.recipient.user}：${names.person(to.userid)}`;
  if (to.kind === 'chat') return `${t.recipient.chat}：${to.chatId}`;
  return t.recipient.groupRobot!;
}

/** Notices about one proposal carry its id in their key (`purpose:proposalId:version:userid`). */
const PROPOSAL_IN_KEY = /^[\w-]+:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):/;

/** What the message says, as a short preview. */
function preview(body: OutboxRow['body']): string {
  const text =
    body.type === 'text'
      ? body.text
      : body.type === 'markdown'
        ? body.markdown
        : body.type === 'card'
          ? [body.card.title, body.card.description].join(' · ')
          : '';
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

function purposeCell(r: OutboxRow): SafeHtml {
  const proposalId = PROPOSAL_IN_KEY.exec(r.key)?.[1];
  const label = PURPOSE_LABELS[r.purpose] ?? r.purpose;
  return html`${proposalId ? html`<a href="/proposals/${proposalId}">${label}</a>` : label}<details><summary>${t.preview}</summary><div class="note">${preview(r.body)}</div></details>`;
}

export function outboxPage(rows: OutboxRow[] | undefined, status: string | undefined, names: Names, viewer: Viewer, flash?: string): SafeHtml {
  if (!rows) return html`${tabs('outbox')}<p class="hint">${t.outboxMissing}</p>`;
  return html`${tabs('outbox')}
  ${flash ? html`<p class="flash">${flash}</p>` : ''}
  <p class="tabs">${html`<a href="/admin/outbox"${!status ? html` class="active"` : ''}>${t.filter.all}</a> `}${OUTBOX_TABS.map(
    (s) => html`<a href="/admin/outbox?status=${s}"${status === s ? html` class="active"` : ''}>${OUTBOX_STATUS_LABELS[s]}</a> `,
  )}</p>
  <div class="table-scroll"><table id="outbox"><thead><tr>${t.outboxCols.map((c) => html`<th>${c}</th>`)}</tr></thead><tbody>${rows.map(
    (r) => html`<tr data-status="${r.status}"><td>${when(r.createdAt)}</td><td>${purposeCell(r)}</td><td>${recipient(r, names)}</td>
      <td><span class="status status-${r.status}">${OUTBOX_STATUS_LABELS[r.status] ?? r.status}</span></td><td>${r.attempts}</td>
      <td>${r.status === 'pending' ? when(r.nextAttemptAt) : ''}</td><td>${r.lastError ?? ''}</td>
      <td>${r.status === 'failed' ? html`<form method="post" action="/admin/outbox/${encodeURIComponent(r.id)}/retry">${csrfField(viewer)}<button type="submit">${t.retry}</button></form>` : ''}</td></tr>`,
  )}</tbody></table></div>
  ${rows.length === 0 ? html`<p class="hint">${t.none}</p>` : ''}`;
}

function schedulesTable(rows: ScheduleRow[]): SafeHtml {
  const j = t.jobs;
  return html`<section><h2>${j.schedulesTitle}</h2><div class="table-scroll"><table id="schedules"><thead><tr>${j.schedulesCols.map((c) => html`<th>${c}</th>`)}</tr></thead><tbody>${rows.map(
    (r) => html`<tr data-job="${r.job}"><td>${JOB_LABELS[r.job] ?? r.job}</td><td>${r.enabled ? r.when : j.off}</td>
      <td class="next-run">${r.enabled ? (r.nextRun ? when(r.nextRun) : j.noNext) : ''}</td><td>${r.period ?? ''}</td>
      <td>${r.enabled ? html`<details><summary>${t.preview}</summary><pre class="report preview">${r.preview ?? j.noPreview}</pre></details>` : ''}</td></tr>`,
  )}</tbody></table></div></section>`;
}

export function jobsPage(runs: JobRunRow[] | undefined, schedules?: ScheduleRow[]): SafeHtml {
  if (!runs) return html`${tabs('jobs')}${schedules ? schedulesTable(schedules) : ''}<p class="hint">${t.jobsMissing}</p>`;
  return html`${tabs('jobs')}${schedules ? schedulesTable(schedules) : ''}<h2>${t.jobs.runsTitle}</h2><div class="table-scroll"><table id="jobs"><thead><tr>${t.jobsCols.map((c) => html`<th>${c}</th>`)}</tr></thead><tbody>${runs.map(
    (r) =>
      html`<tr><td>${JOB_LABELS[r.job] ?? r.job}</td><td>${r.period ?? ''}</td><td class="status status-${r.status}">${JOB_STATUS_LABELS[r.status] ?? r.status}</td><td>${when(r.startedAt)}</td><td>${when(r.finishedAt)}</td><td>${r.error ?? r.summary ?? ''}</td></tr>`,
  )}</tbody></table></div>${runs.length === 0 ? html`<p class="hint">${t.none}</p>` : ''}`;
}
