/** The page frame: head, navigation by role, and the CSRF token for scripts. */
import { html, type SafeHtml } from './html.js';
import type { Viewer } from './viewer.js';
import { webTexts as t } from './web.texts.js';

export interface PageOptions {
  title: string;
  viewer?: Viewer;
  /** Which nav item is current. */
  active?: keyof typeof t.nav;
  body: SafeHtml;
  scripts?: string[];
}

export function page(o: PageOptions): SafeHtml {
  const v = o.viewer;
  const items: [keyof typeof t.nav, string, boolean][] = v
    ? [
        ['home', '/home', v.staff],
        [v.staff ? 'board' : 'mine', '/board', true],
        ['ledger', '/ledger', v.staff],
        ['metrics', '/metrics', v.canSeeMetrics],
        ['report', '/reports/work', v.seesAll],
        ['import', '/import', v.isCoordinator],
        ['sim', '/sim', v.isCoordinator],
        ['admin', '/admin/outbox', v.isCoordinator],
      ]
    : [];
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · ${t.appName}</title>
<link rel="stylesheet" href="/assets/app.css">
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
${v ? html`<meta name="csrf-token" content="${v.session.csrf}">` : ''}
</head>
<body>
<header class="top">
  <a class="brand" href="/">${t.appName}</a>
  <nav>${items
    .filter(([, , show]) => show)
    .map(
      ([key, href]) =>
        html`<a href="${href}"${key === o.active || (key === 'mine' && o.active === 'board') ? html` class="active" aria-current="page"` : ''}>${t.nav[key]}</a>`,
    )}</nav>
  ${
    v
      ? html`<form class="who" method="post" action="/logout"><span>${t.signedInAs(v.actor.name)}</span><input type="hidden" name="_csrf" value="${v.session.csrf}"><button type="submit" class="link">${t.nav.logout}</button></form>`
      : ''
  }
</header>
<main>
<h1>${o.title}</h1>
${o.body}
</main>
${(o.scripts ?? []).map((s) => html`<script src="/assets/${s}" defer></script>`)}
</body>
</html>`;
}

/** A hidden CSRF field for forms. */
export const csrfField = (v: Viewer): SafeHtml => html`<input type="hidden" name="_csrf" value="${v.session.csrf}">`;
