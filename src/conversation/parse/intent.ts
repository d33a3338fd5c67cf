/**
 * From a normalised message to what the person wants, without the database: a command typed in
 * the grammar, a command said in plain words (read back for 确认 when it writes), a near-miss of
 * a command word (您是不是要……), a member's rating in their own words, small talk, or nothing
 * known. Pure functions over the parser's tables, so a large corpus of phrasings runs fast.
 */
import { pinyin } from 'pinyin-pro';
import type { Satisfaction } from '../../domain/model.js';
import { COMMAND_WORDS, FILLER, INTENT_PHRASES, METHOD_PHRASES, RATING_PHRASES, SMALL_TALK, type CommandId } from '../conversation.texts.js';
import { chineseNumber } from './text.js';

export type SmallTalk = keyof typeof SMALL_TALK;

export type Intent =
  /** `rest` is what follows the command word, in the grammar's order (proposal first). */
  | { kind: 'command'; command: CommandId; rest: string; exact: boolean }
  /** A word close to a command word: `text` is the command as it would be typed. */
  | { kind: 'suggest'; command: CommandId; text: string; typo: string }
  | { kind: 'rating'; rating: Satisfaction; comment: string }
  | { kind: 'smallTalk'; topic: SmallTalk }
  | { kind: 'unknown' };

export interface UnderstandOptions {
  /** The sender may rate a reply now: their own words about it are read as a rating. */
  rating?: boolean;
}

/** Every alias with its command, longest first so 批准延期 wins over 延期. */
const ALIASES: [string, CommandId][] = (Object.entries(COMMAND_WORDS) as [CommandId, readonly string[]][])
  .flatMap(([word, aliases]) => aliases.map((a) => [a.toLowerCase(), word] as [string, CommandId]))
  .sort((a, b) => b[0].length - a[0].length);

/** The command word at the start of `text`, if any (the grammar's way). */
export function matchAlias(text: string): { command: CommandId; alias: string } | undefined {
  const lower = text.toLowerCase();
  for (const [alias, command] of ALIASES) if (lower.startsWith(alias)) return { command, alias };
  return undefined;
}

/** The command a word names on its own (帮助 交办 → assign). */
export const commandNamed = (word: string): CommandId | undefined => ALIASES.find(([a]) => a === word.toLowerCase())?.[1];

const CANCEL: readonly string[] = COMMAND_WORDS.cancel;

/** The whole message ends what is pending (取消, 算了, 退出). */
export const isCancel = (text: string): boolean => CANCEL.includes(text);

/** A command word alone, or followed by a space, a colon or a proposal number: the grammar. */
export function exactCommand(text: string): { command: CommandId; rest: string } | undefined {
  const m = matchAlias(text);
  if (!m || !(text.length === m.alias.length || /^[\s\d#第:]/u.test(text.slice(m.alias.length)))) return undefined;
  return {
    command: m.command,
    rest: text
      .slice(m.alias.length)
      .replace(/^[\s:,]+/, '')
      .trim(),
  };
}

const CN_NUM = '[零〇一二两三四五六七八九十百千]+';
/**
 * A proposal number anywhere: 139, 0139, 第139号, 139号, #139, 提案139, 第一百三十九号. Digits
 * counting something else (30天, 第1项, 10点) are not proposal numbers.
 */
const REF = new RegExp(
  `(?:第\\s*(?:提案\\s*)?(\\d+|${CN_NUM})\\s*号?|(?:提案|#|No\\.?)\\s*(\\d+)|(?<![\\d.])(\\d+)(?!\\s*[天日项点个次月年届%.\\d]))(?:\\s*号)?(?:提案)?`,
  'iu',
);

export function findRef(text: string): { number: string; rest: string } | undefined {
  const m = REF.exec(text);
  if (!m) return undefined;
  const raw = m[1] ?? m[2] ?? m[3]!;
  const number = /^\d+$/.test(raw) ? raw : chineseNumber(raw)?.toString();
  if (number === undefined) return undefined;
  return { number, rest: `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`.replace(/\s+/g, ' ').trim() };
}

const PUNCT_OR_EMOJI = /[\s\p{P}\p{S}\p{Extended_Pictographic}\u{FE0F}\u{200D}]+/gu;
/** Punctuation and emoji at either end of what is left. */
const EDGE = /^[\s\p{P}\p{S}\p{Extended_Pictographic}\u{FE0F}\u{200D}]+|[\s\p{P}\p{S}\p{Extended_Pictographic}\u{FE0F}\u{200D}]+$/gu;

/** Drops filler words and punctuation at both ends (帮我催一下 → 催, 的进度 → 进度). */
export function trimFiller(s: string): string {
  let out = s.trim();
  let before;
  do {
    before = out;
    out = out.replace(EDGE, '');
    for (const w of FILLER.lead) if (out.startsWith(w)) out = out.slice(w.length);
    for (const w of FILLER.trail) if (out.endsWith(w) && out.length > w.length) out = out.slice(0, -w.length);
  } while (out !== before);
  return out;
}

/** Small talk when the whole message is made of small-talk words, punctuation and emoji. */
export function smallTalk(text: string): SmallTalk | undefined {
  const s = text.toLowerCase().replace(PUNCT_OR_EMOJI, ' ');
  if (s.trim() === '') return /[\u{1F64F}\u{1F64C}]/u.test(text) ? 'thanks' : 'ok';
  const found: SmallTalk[] = [];
  const words = (Object.entries(SMALL_TALK) as [SmallTalk, readonly string[]][])
    .flatMap(([topic, ws]) => ws.map((w) => [w, topic] as const))
    .sort((a, b) => b[0].length - a[0].length);
  for (const part of s.split(' ').filter(Boolean)) {
    let rest = part;
    while (rest) {
      const hit = words.find(([w]) => rest.startsWith(w));
      if (!hit) return undefined;
      found.push(hit[1]);
      rest = rest.slice(hit[0].length);
    }
  }
  return found.includes('thanks') ? 'thanks' : found.includes('hello') ? 'hello' : found[0];
}

/** A member's words about a reply as a rating; the comment is the whole message. */
export function readRating(text: string): { rating: Satisfaction; comment: string } | undefined {
  for (const [rating, phrases] of RATING_PHRASES) if (phrases.some((p) => text.includes(p))) return { rating, comment: text };
  return undefined;
}

/** The method word of the grammar for an everyday way of saying it (打了电话 → 电话). */
export function methodIn(text: string): { word: string; phrase: string } | undefined {
  let best: { word: string; phrase: string; at: number } | undefined;
  for (const [word, phrases] of METHOD_PHRASES) {
    for (const phrase of phrases) {
      const at = text.indexOf(phrase);
      if (at >= 0 && (!best || at < best.at || (at === best.at && phrase.length > best.phrase.length))) best = { word, phrase, at };
    }
  }
  return best && { word: best.word, phrase: best.phrase };
}

const PHASE_WORDS = ['办前', '办中', '办后'];
const WEEK = /这周|本周|这星期|本星期|这礼拜|本礼拜|这一周/u;
const MONTH = /这个月|本月|这月/u;

/**
 * What follows the command phrase, as its argument: a leading 一下 and closing particles and
 * punctuation dropped, the words themselves kept (请尽快与委员沟通 keeps its 请).
 */
function after(s: string): string {
  let out = s.replace(EDGE, '').replace(/^一?下/u, '');
  for (const w of FILLER.trail) if (w !== '的' && out.endsWith(w) && out.length > w.length) out = out.slice(0, -w.length);
  return out.replace(EDGE, '');
}

/** The grammar's arguments for a command read from plain words: `said` is the message without its number. */
function argumentsFor(word: CommandId, said: string, phrase: string, hasRef: boolean): string {
  const at = said.indexOf(phrase);
  const without = [trimFiller(said.slice(0, at)), after(said.slice(at + phrase.length))].filter(Boolean).join(' ');
  switch (word) {
    case 'contact': {
      // The person's own words are the summary; the method and phase words the grammar reads go first.
      const method = methodIn(said);
      const phase = PHASE_WORDS.find((p) => said.includes(p));
      return [phase, method?.word, said.replace(EDGE, '')].filter(Boolean).join(' ');
    }
    case 'query':
      // Named by its number, the proposal needs no keyword; without one, what is left is the keyword.
      return hasRef ? '' : without;
    case 'stats':
      return WEEK.test(said) ? '本周' : MONTH.test(said) ? '本月' : '';
    case 'mine':
    case 'overdue':
    case 'help':
    case 'accept':
    case 'advance':
    case 'archive':
    case 'signOff':
    case 'sendReply':
      return '';
    default:
      return without;
  }
}

/** A command said in plain words anywhere in the message. */
function inferred(text: string): Intent | undefined {
  const ref = findRef(text);
  const said = ref ? ref.rest : text;
  for (const [word, phrases] of INTENT_PHRASES) {
    const phrase = phrases.find((p) => said.includes(p));
    if (!phrase) continue;
    const args = argumentsFor(word, said, phrase, ref !== undefined);
    return { kind: 'command', command: word, rest: [ref?.number, args].filter(Boolean).join(' '), exact: false };
  }
  return undefined;
}

const pinyinOf = (s: string): string => pinyin(s, { toneType: 'none', type: 'array' }).join(' ');

/** Chinese aliases by length, with their pinyin, for near-miss matching. */
const CJK_ALIASES = ALIASES.filter(([a]) => /^\p{Script=Han}+$/u.test(a)).map(([alias, command]) => ({ alias, command, sound: pinyinOf(alias) }));

function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length]!;
}

/**
 * The message starts with a word that sounds like a command word (交半 → 交办) or is one
 * character off a longer one (批准廷期 → 批准延期): the command it was probably meant to be.
 */
export function nearMiss(text: string): Intent | undefined {
  // A real command word run into other words (接收一下) is no typo: plain words read it. One-character
  // short forms (签, 催) do not count: 签法 is still a near miss of 签发.
  if ((matchAlias(text)?.alias.length ?? 0) >= 2) return undefined;
  const lead = /^\p{Script=Han}+/u.exec(text)?.[0];
  if (!lead) return undefined;
  for (let len = Math.min(4, lead.length); len >= 2; len--) {
    const typo = lead.slice(0, len);
    const sound = pinyinOf(typo);
    const hit = CJK_ALIASES.find((a) => a.alias.length === len && (a.sound === sound || (len >= 3 && editDistance(a.alias, typo) === 1)));
    if (hit) return { kind: 'suggest', command: hit.command, text: `${hit.alias}${text.slice(len).replace(/^(?=[^\s])/u, ' ')}`.trim(), typo };
  }
  return undefined;
}

/** What the person wants, from the normalised text of their message. */
export function understand(text: string, o: UnderstandOptions = {}): Intent {
  if (!text) return { kind: 'unknown' };
  const exact = exactCommand(text);
  if (exact) return { kind: 'command', ...exact, exact: true };
  if (o.rating) {
    const r = readRating(text);
    if (r) return { kind: 'rating', ...r };
  }
  const talk = smallTalk(text);
  if (talk) return { kind: 'smallTalk', topic: talk };
  // A number alone, with no question waiting for it: the proposal of that number.
  const bare = findRef(text);
  if (bare && bare.rest === '') return { kind: 'command', command: 'query', rest: bare.number, exact: false };
  return nearMiss(text) ?? inferred(text) ?? { kind: 'unknown' };
}
