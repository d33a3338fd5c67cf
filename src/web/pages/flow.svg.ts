/**
 * 流程图 as a process diagram (inline SVG): the stages as nodes joined by arrows, the 协办 branch
 * (协办意见) beside the lead path, and the loops back — 退回 (a division returns an assignment),
 * 签发退回 (a leader sends the draft back) and 二次办理 (不满意 reopens the case). Each node shows
 * how many proposals stand there, how many are overdue and due soon, and links to that list.
 * Two layouts from one description: wide for desks, tall for phones (CSS shows one).
 */
import type { Stage } from '../../domain/model.js';
import { STAGE_LABELS } from '../../present/ledger.texts.js';
import { html, type SafeHtml } from '../html.js';
import { webTexts as t } from '../web.texts.js';

export interface FlowNode {
  stage: Stage;
  count: number;
  overdue: number;
  dueSoon: number;
  href: string;
}

/** Grid position of each stage: column along the lead path, row 1 for the co branch. */
const GRID: Record<Stage, [number, number]> = {
  registered: [0, 0],
  assigned: [1, 0],
  researching: [2, 0],
  communicating: [3, 0],
  reviewing: [4, 0],
  signing: [5, 0],
  replying: [6, 0],
  supervising: [7, 0],
  opinionSent: [5.5, 1],
  feedback: [8, 0],
  archived: [9, 0],
};

const EDGES: [Stage, Stage][] = [
  ['registered', 'assigned'],
  ['assigned', 'researching'],
  ['researching', 'communicating'],
  ['communicating', 'reviewing'],
  ['reviewing', 'signing'],
  ['signing', 'replying'],
  ['replying', 'supervising'],
  ['supervising', 'feedback'],
  ['feedback', 'archived'],
  ['communicating', 'opinionSent'],
  ['opinionSent', 'feedback'],
];

/** Loops drawn as curves on the free side: [from, to, label]. */
const LOOPS: [Stage, Stage, string][] = [
  ['assigned', 'registered', t.flow.returned],
  ['signing', 'reviewing', t.flow.signBack],
  ['feedback', 'researching', t.flow.secondRound],
];

interface Layout {
  w: number;
  h: number;
  nodeW: number;
  nodeH: number;
  at(stage: Stage): { x: number; y: number };
  /** A loop's path from the bottom/left of `from` to `to`, and where its label goes. */
  loop(from: Stage, to: Stage, i: number): { d: string; lx: number; ly: number };
  /** Whether the node shows its figures on one line (tall layout) or stacked (wide). */
  wide: boolean;
}

const WIDE: Layout = {
  w: 1000,
  h: 300,
  nodeW: 84,
  nodeH: 78,
  wide: true,
  at: (s) => ({ x: 8 + GRID[s][0] * 99, y: 56 + GRID[s][1] * 100 }),
  loop(from, to, i) {
    const a = WIDE.at(from);
    const b = WIDE.at(to);
    const [x1, x2] = [a.x + WIDE.nodeW / 2, b.x + WIDE.nodeW / 2];
    if (i < 2) {
      // Short loops arc over the top.
      const y = a.y;
      return { d: `M${x1},${y} C${x1},${y - 44} ${x2},${y - 44} ${x2},${y}`, lx: (x1 + x2) / 2, ly: y - 38 };
    }
    // 二次办理 runs under everything, below the co branch.
    const y = a.y + WIDE.nodeH;
    return { d: `M${x1},${y} L${x1},${286} L${x2},${286} L${x2},${y}`, lx: (x1 + x2) / 2, ly: 280 };
  },
};

const TALL: Layout = {
  w: 360,
  h: 10 * 62 + 30,
  nodeW: 132,
  nodeH: 50,
  wide: false,
  // The co branch sits to the right of the lead column, beside 签发/答复.
  at: (s) => (s === 'opinionSent' ? { x: 222, y: 14 + 5.5 * 62 } : { x: 76, y: 14 + GRID[s][0] * 62 }),
  loop(from, to, i) {
    const a = TALL.at(from);
    const b = TALL.at(to);
    const [y1, y2] = [a.y + TALL.nodeH / 2, b.y + TALL.nodeH / 2];
    const x = i < 2 ? 62 : 24;
    return { d: `M${a.x},${y1} L${x},${y1} L${x},${y2} L${b.x},${y2}`, lx: x - 2, ly: (y1 + y2) / 2 };
  },
};

function edgePath(l: Layout, from: Stage, to: Stage): string {
  const a = l.at(from);
  const b = l.at(to);
  if (l.wide) {
    if (GRID[from][1] === GRID[to][1]) return `M${a.x + l.nodeW},${a.y + l.nodeH / 2} L${b.x - 2},${b.y + l.nodeH / 2}`;
    // Into or out of the co branch.
    return GRID[to][1] > GRID[from][1]
      ? `M${a.x + l.nodeW / 2},${a.y + l.nodeH} L${a.x + l.nodeW / 2},${b.y + l.nodeH / 2} L${b.x - 2},${b.y + l.nodeH / 2}`
      : `M${a.x + l.nodeW},${a.y + l.nodeH / 2} L${b.x + l.nodeW / 2},${a.y + l.nodeH / 2} L${b.x + l.nodeW / 2},${b.y + l.nodeH + 2}`;
  }
  if (from === 'communicating' && to === 'reviewing') return `M${a.x + l.nodeW / 2 - 30},${a.y + l.nodeH} L${b.x + l.nodeW / 2 - 30},${b.y - 2}`;
  if (to === 'opinionSent') return `M${a.x + l.nodeW},${a.y + l.nodeH / 2} L${b.x + l.nodeW / 2},${a.y + l.nodeH / 2} L${b.x + l.nodeW / 2},${b.y - 2}`;
  if (from === 'opinionSent')
    return `M${a.x + l.nodeW / 2},${a.y + l.nodeH} L${a.x + l.nodeW / 2},${b.y + l.nodeH / 2} L${b.x + l.nodeW + 2},${b.y + l.nodeH / 2}`;
  return `M${a.x + l.nodeW / 2 - 30},${a.y + l.nodeH} L${b.x + l.nodeW / 2 - 30},${b.y - 2}`;
}

function node(l: Layout, n: FlowNode): SafeHtml {
  const { x, y } = l.at(n.stage);
  const cls = n.overdue ? 'node has-overdue' : n.dueSoon ? 'node has-soon' : n.count ? 'node' : 'node empty';
  const figures = html`${n.overdue ? html`<tspan class="f-overdue">${t.flow.overdue(n.overdue)}</tspan>` : ''}${n.overdue && n.dueSoon ? ' ' : ''}${
    n.dueSoon ? html`<tspan class="f-soon">${t.flow.dueSoon(n.dueSoon)}</tspan>` : ''
  }`;
  const title = t.flow.nodeTitle(STAGE_LABELS[n.stage], n.count, n.overdue, n.dueSoon);
  return l.wide
    ? html`<a href="${n.href}" class="${cls}" data-stage="${n.stage}" data-count="${n.count}" data-overdue="${n.overdue}" data-due-soon="${n.dueSoon}"><title>${title}</title>
      <rect x="${x}" y="${y}" width="${l.nodeW}" height="${l.nodeH}" rx="8"/>
      <text x="${x + l.nodeW / 2}" y="${y + 20}" class="n-label">${STAGE_LABELS[n.stage]}</text>
      <text x="${x + l.nodeW / 2}" y="${y + 48}" class="n-count">${n.count}</text>
      <text x="${x + l.nodeW / 2}" y="${y + 68}" class="n-figs">${figures}</text></a>`
    : html`<a href="${n.href}" class="${cls}" data-stage="${n.stage}" data-count="${n.count}" data-overdue="${n.overdue}" data-due-soon="${n.dueSoon}"><title>${title}</title>
      <rect x="${x}" y="${y}" width="${l.nodeW}" height="${l.nodeH}" rx="8"/>
      <text x="${x + 10}" y="${y + 21}" class="n-label" text-anchor="start">${STAGE_LABELS[n.stage]}</text>
      <text x="${x + l.nodeW - 10}" y="${y + 22}" class="n-count" text-anchor="end">${n.count}</text>
      <text x="${x + 10}" y="${y + 41}" class="n-figs" text-anchor="start">${figures}</text></a>`;
}

function diagram(l: Layout, nodes: FlowNode[], cls: string): SafeHtml {
  return html`<svg class="flow ${cls}" viewBox="0 0 ${l.w} ${l.h}" role="img" aria-label="${t.flow.aria}">
    <defs><marker id="arrow-${cls}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>
    ${EDGES.map(([a, b]) => html`<path d="${edgePath(l, a, b)}" class="edge" marker-end="url(#arrow-${cls})"/>`)}
    ${LOOPS.map(([a, b, label], i) => {
      const loop = l.loop(a, b, i);
      return html`<path d="${loop.d}" class="edge loop" marker-end="url(#arrow-${cls})"/><text x="${loop.lx}" y="${loop.ly}" class="loop-label"${l.wide ? '' : html` text-anchor="end" writing-mode="tb"`}>${label}</text>`;
    })}
    ${l.wide ? html`<text x="${WIDE.at('opinionSent').x + WIDE.nodeW / 2}" y="${WIDE.at('opinionSent').y + WIDE.nodeH + 16}" class="branch-label">${t.flow.coBranch}</text>` : ''}
    ${nodes.map((n) => node(l, n))}
  </svg>`;
}

export function flowDiagram(nodes: FlowNode[]): SafeHtml {
  return html`<figure class="flow-figure">${diagram(WIDE, nodes, 'flow-wide')}${diagram(TALL, nodes, 'flow-tall')}<figcaption class="hint">${t.flow.caption}</figcaption></figure>`;
}
