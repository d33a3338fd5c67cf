/** The chat simulator: pick a person (admins), type messages, press card buttons. The script does the talking. */
import type { Person } from '../../domain/model.js';
import { ROLE_LABELS } from '../../present/ledger.texts.js';
import { html, type SafeHtml } from '../html.js';
import type { Viewer } from '../viewer.js';
import type { Names } from '../../domain/names.js';
import { webTexts as t } from '../web.texts.js';

export function simPage(viewer: Viewer, people: Person[], names: Names, as: string | undefined, enabled: boolean): SafeHtml {
  if (!enabled) return html`<p class="hint">${t.simMissing}</p>`;
  const label = (p: Person) => `${p.name}（${[names.division(p.divisionCode), ...p.roles.map((r) => ROLE_LABELS[r])].filter(Boolean).join('，')}）`;
  const choices = viewer.admin ? people.filter((p) => p.active) : people.filter((p) => p.userid === viewer.actor.userid);
  // The coordinator is who runs the process: the natural first voice, not whoever sorts first.
  const current =
    choices.find((p) => p.userid === as) ??
    choices.find((p) => p.userid === viewer.actor.userid) ??
    choices.find((p) => p.roles.includes('coordinator')) ??
    choices[0];
  return html`<p class="hint">${t.simIntro}${viewer.admin ? '' : ` ${t.simOnlySelf}`}</p>
  <div class="sim" id="sim" data-failed="${t.simFailed}" data-stale="${t.simStale}">
    <label>${t.simAs}<select id="sim-as">${choices.map(
      (p) => html`<option value="${p.userid}"${p === current ? html` selected` : ''}>${label(p)}</option>`,
    )}</select></label>
    <div class="chat-log" id="chat-log" aria-live="polite"></div>
    <form id="sim-form" class="chat-input">
      <input id="sim-text" autocomplete="off" maxlength="2000" placeholder="${t.simPlaceholder}">
      <button type="submit" class="primary">${t.simSend}</button>
    </form>
  </div>`;
}
