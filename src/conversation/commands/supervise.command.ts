/** 督办 (progress of a committed measure), 延期 and its approval (批准延期 / 驳回延期). */
import type { Proposal } from '../../domain/model.js';
import { texts, WORDS } from '../conversation.texts.js';
import { InputError, NeedMore, perform, say, type Turn } from '../context.js';
import { chineseNumber } from '../parse/text.js';
import { labelOf } from '../present.js';
import type { ChatCommand } from '../router.js';

/** `[第n项] 落实情况 [办结]`, in any order. */
export function parseSupervision(args: string): { index?: number; note: string; done: boolean } {
  let s = ` ${args} `;
  let index: number | undefined;
  const at = /\s第?\s*(\d+|[一二三四五六七八九十]+)\s*项\s|\s第\s*(\d+)\s/u.exec(s);
  if (at) {
    const raw = at[1] ?? at[2]!;
    index = /^\d+$/.test(raw) ? Number(raw) : chineseNumber(raw);
    s = `${s.slice(0, at.index)} ${s.slice(at.index + at[0].length)}`;
  }
  const tokens = s.split(' ').filter(Boolean);
  const done = tokens.some((x) => (WORDS.measureDone as readonly string[]).includes(x));
  const note = tokens.filter((x) => !(WORDS.measureDone as readonly string[]).includes(x)).join(' ');
  return { index, note, done };
}

async function supervise(t: Turn, args: string, p: Proposal): Promise<void> {
  const s = parseSupervision(args);
  let measure = s.index !== undefined ? p.measures[s.index - 1] : undefined;
  if (s.index !== undefined && !measure) throw new InputError(texts.badInput(texts.badMeasureIndex(s.index, p.measures.length), '督办'));
  if (!measure) {
    const open = p.measures.filter((m) => m.status === 'open');
    if (open.length === 0) return say(t, texts.noOpenMeasures);
    if (open.length > 1) throw new NeedMore(texts.whichMeasure(p.measures.map((m, i) => `第${i + 1}项：${m.text}${m.status === 'done' ? '（已办结）' : ''}`)));
    measure = open[0]!;
  }
  if (!s.note) throw new NeedMore(texts.ask.supervise);
  const next = await perform(t, p, { type: 'superviseMeasure', measureId: measure.id, note: s.note, done: s.done });
  await say(t, texts.measureNoted(labelOf(next), measure.text, s.done));
}

/** `<天数> <理由>` in either order; 30、30天、三十天. */
export function parseExtension(args: string): { days?: number; reason: string } {
  const tokens = args.split(' ').filter(Boolean);
  const at = tokens.findIndex((x) => /^(\d+|[一二三四五六七八九十百]+)天?$/u.test(x));
  if (at < 0) return { reason: args.trim() };
  const raw = tokens.splice(at, 1)[0]!.replace(/天$/u, '');
  return { days: /^\d+$/.test(raw) ? Number(raw) : chineseNumber(raw), reason: tokens.join(' ') };
}

async function requestExtension(t: Turn, args: string, p: Proposal): Promise<void> {
  const e = parseExtension(args);
  if (e.days === undefined) throw new NeedMore(e.reason ? texts.badDays : texts.ask.extension);
  if (!e.reason) throw new NeedMore(texts.ask.reason);
  const next = await perform(t, p, { type: 'requestExtension', days: e.days, reason: e.reason });
  await say(t, texts.extensionAsked(labelOf(next), e.days));
}

async function decideExtension(t: Turn, args: string, p: Proposal, approve: boolean): Promise<void> {
  if (!approve && !args) throw new NeedMore(texts.ask.rejectExtension);
  const next = await perform(t, p, { type: 'decideExtension', approve, note: args || undefined });
  await say(t, texts.extensionDecided(labelOf(next), approve));
}

export const superviseCommands: ChatCommand[] = [
  { word: '督办', needsProposal: true, run: (t, args, p) => supervise(t, args, p!) },
  { word: '延期', needsProposal: true, run: (t, args, p) => requestExtension(t, args, p!) },
  { word: '批准延期', needsProposal: true, run: (t, args, p) => decideExtension(t, args, p!, true) },
  { word: '驳回延期', needsProposal: true, run: (t, args, p) => decideExtension(t, args, p!, false) },
];
