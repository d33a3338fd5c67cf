/** 督办 (progress of a committed measure), 延期 and its approval (批准延期 / 驳回延期). */
import { convert, findQuantity, TARGET_WORD } from '../../domain/measures.js';
import { measureWithProgress, progressText } from '../../present/measures.js';
import type { Measure, Proposal } from '../../domain/model.js';
import { texts, WORDS } from '../conversation.texts.js';
import { needMore, perform, say, settled, typed, type CommandResult, type Turn } from '../context.js';
import { InputError } from '../../shared/input-error.js';
import { chineseNumber } from '../parse/text.js';
import { labelOf } from '../present.js';
import type { ChatCommand } from '../router.js';
import { joinText, type StepDefs } from '../steps.js';

export interface Supervision {
  index?: number;
  note: string;
  done: boolean;
  /** `目标 20个`: sets the measure's target (a number without a unit is kept to be explained). */
  target?: { amount: number; unit?: string };
  /**
   * The quantity reached: after 完成/达到/累计 (`explicit`), or any quantity in the note, taken only
   * when it is in the target's unit (已召开3次座谈会 is a note, not progress on a target in 个).
   */
  value?: { amount: number; unit?: string; explicit: boolean };
}

const PROGRESS_WORD = /(?:已经完成|已完成|完成了|完成|达到|累计|实际|进度)\s*[:：为]?\s*(?=\d)/u;

/** `[第n项] 落实情况 [办结]`, in any order, with `目标 <数量>` and `完成 <数量>` anywhere in it. */
export function parseSupervision(args: string): Supervision {
  let s = ` ${args} `;
  let index: number | undefined;
  const at = /\s第?\s*(\d+|[一二三四五六七八九十]+)\s*项\s|\s第\s*(\d+)\s/u.exec(s);
  if (at) {
    const raw = at[1] ?? at[2]!;
    index = /^\d+$/.test(raw) ? Number(raw) : chineseNumber(raw);
    s = `${s.slice(0, at.index)} ${s.slice(at.index + at[0].length)}`;
  }
  const tokens = s.split(' ').filter(Boolean);
  // 完成 before a number reports a quantity (完成 15个), not that the measure is done.
  const isDone = (x: string, i: number) => (WORDS.measureDone as readonly string[]).includes(x) && !/^\d/.test(tokens[i + 1] ?? '');
  const done = tokens.some(isDone);
  const note = tokens.filter((x, i) => !isDone(x, i)).join(' ');
  const out: Supervision = { index, note, done };
  let rest = note;
  const t = TARGET_WORD.exec(rest);
  if (t) {
    const q = findQuantity(rest.slice(t.index + t[0].length))!;
    out.target = { amount: q.amount, unit: q.unit };
    rest = `${rest.slice(0, t.index)} ${rest.slice(t.index + t[0].length + q.index + q.length)}`;
  }
  const p = PROGRESS_WORD.exec(rest);
  const q = p ? findQuantity(rest.slice(p.index + p[0].length)) : findQuantity(rest);
  if (q && (p || q.unit)) out.value = { amount: q.amount, unit: q.unit, explicit: Boolean(p) };
  return out;
}

/**
 * The value to record for `m`, in a unit the ledger can convert: a percentage of a target in
 * another unit is that share of the target; a quantity met in passing counts only in its unit.
 */
function valueFor(m: Measure, target: Measure['target'], v: Supervision['value']): { amount: number; unit?: string } | undefined {
  if (!v) return undefined;
  if (v.unit === '%' && target && target.unit !== '%') return { amount: (target.amount * v.amount) / 100, unit: target.unit };
  if (v.explicit) return { amount: v.amount, unit: v.unit };
  return target && convert({ amount: v.amount, unit: v.unit! }, target.unit) !== undefined ? { amount: v.amount, unit: v.unit } : undefined;
}

async function supervise(t: Turn, p: Proposal, s: Supervision): Promise<CommandResult> {
  let measure = s.index !== undefined ? p.measures[s.index - 1] : undefined;
  if (s.index !== undefined && !measure) throw new InputError(texts.badInput(texts.badMeasureIndex(s.index, p.measures.length), 'supervise'));
  if (!measure) {
    const open = p.measures.filter((m) => m.status === 'open');
    if (open.length === 0) return say(t, texts.noOpenMeasures);
    if (open.length > 1) return needMore({ step: 'supervise.measure', supervision: { ...s, note: typed(t, s.note) } });
    measure = open[0]!;
  }
  if (!s.note) return needMore({ step: 'supervise.note', supervision: s });
  if (s.target && !s.target.unit) throw new InputError(texts.badInput(texts.targetWithoutUnit(s.target.amount), 'supervise'));
  const target = s.target?.unit ? { amount: s.target.amount, unit: s.target.unit } : undefined;
  const value = valueFor(measure, target ?? measure.target, s.value);
  const next = await perform(t, p, {
    type: 'superviseMeasure',
    measureId: measure.id,
    note: s.note,
    done: s.done,
    ...(target && { target }),
    ...(value && { value }),
  });
  const progress = progressText(next.measures.find((m) => m.id === measure.id)!);
  await say(t, `${texts.measureNoted(labelOf(next), measure.text, s.done)}${progress ? `\n${progress}` : ''}`);
}

/** What an answer adds to a supervision: the measure, target and progress when not given yet, more of the note. */
function addTo(t: Turn, s: Supervision, answer: string): Supervision {
  const a = parseSupervision(answer);
  return {
    index: s.index ?? a.index,
    note: joinText(s.note, typed(t, a.note)),
    done: s.done || a.done,
    ...((s.target ?? a.target) && { target: s.target ?? a.target }),
    ...((s.value ?? a.value) && { value: s.value ?? a.value }),
  };
}

/** `<天数> <理由>` in either order; 30、30天、三十天. */
export function parseExtension(args: string): { days?: number; reason: string } {
  const tokens = args.split(' ').filter(Boolean);
  const at = tokens.findIndex((x) => /^(\d+|[一二三四五六七八九十百]+)天?$/u.test(x));
  if (at < 0) return { reason: args.trim() };
  const raw = tokens.splice(at, 1)[0]!.replace(/天$/u, '');
  return { days: /^\d+$/.test(raw) ? Number(raw) : chineseNumber(raw), reason: tokens.join(' ') };
}

async function requestExtension(t: Turn, p: Proposal, e: { days?: number; reason: string }): Promise<CommandResult> {
  if (e.days === undefined) return needMore({ step: 'extension.days', reason: typed(t, e.reason) });
  if (!e.reason) return needMore({ step: 'extension.reason', days: e.days });
  const next = await perform(t, p, { type: 'requestExtension', days: e.days, reason: e.reason });
  await say(t, texts.extensionAsked(labelOf(next), e.days));
}

async function decideExtension(t: Turn, p: Proposal, approve: boolean, note: string): Promise<CommandResult> {
  if (!approve && !note) return needMore({ step: 'rejectExtension.note' });
  const next = await perform(t, p, { type: 'decideExtension', approve, note: note || undefined });
  await say(t, texts.extensionDecided(labelOf(next), approve));
}

export const superviseCommands: ChatCommand[] = [
  { id: 'supervise', needsProposal: true, run: (t, args, p) => supervise(t, p!, parseSupervision(args)) },
  { id: 'requestExtension', needsProposal: true, run: (t, args, p) => requestExtension(t, p!, parseExtension(args)) },
  { id: 'approveExtension', needsProposal: true, run: (t, args, p) => decideExtension(t, p!, true, args) },
  { id: 'refuseExtension', needsProposal: true, run: (t, args, p) => decideExtension(t, p!, false, args) },
];

const continueSupervision = (t: Turn, p: Proposal, s: { supervision: Supervision }, answer: string) =>
  supervise(settled(t), p, addTo(t, s.supervision, answer));

const listMeasures = (p: Proposal): string[] => p.measures.map((m, i) => `第${i + 1}项：${measureWithProgress(m)}${m.status === 'done' ? '（已办结）' : ''}`);

export const superviseSteps: StepDefs<'supervise.measure' | 'supervise.note' | 'extension.days' | 'extension.reason' | 'rejectExtension.note'> = {
  'supervise.measure': { actions: ['superviseMeasure'], ask: (p) => texts.whichMeasure(listMeasures(p)), answer: continueSupervision },
  'supervise.note': { actions: ['superviseMeasure'], ask: () => texts.ask.supervise, answer: continueSupervision },
  'extension.days': {
    actions: ['requestExtension'],
    // Days left out of a reason given are asked for as a number.
    ask: (_p, s) => (s.reason ? texts.badDays : texts.ask.extension),
    answer(t, p, s, answer) {
      const e = parseExtension(answer);
      return requestExtension(settled(t), p, { days: e.days, reason: joinText(s.reason, typed(t, e.reason)) });
    },
  },
  'extension.reason': {
    actions: ['requestExtension'],
    ask: () => texts.ask.reason,
    answer: (t, p, s, answer) => requestExtension(settled(t), p, { days: s.days, reason: typed(t, answer) }),
  },
  'rejectExtension.note': {
    actions: ['decideExtension'],
    ask: () => texts.ask.rejectExtension,
    answer: (t, p, _s, answer) => decideExtension(settled(t), p, false, typed(t, answer)),
  },
};
