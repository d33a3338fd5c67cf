/**
 * What a person typed, in two forms kept side by side: the raw text, and one normalised form
 * (traditional → simplified, variant characters, full-width → half-width, spaces collapsed,
 * trailing 。！ and leading @mentions dropped) that command parsing reads. Each normalised
 * character remembers where it came from, so the free text a command stores (a reason, a
 * summary, a comment) is given back exactly as typed, full-width punctuation included.
 */
import * as OpenCC from 'opencc-js/t2cn';

/** Traditional (incl. Taiwan forms) → simplified, phrase-aware; a maintained converter (OpenCC). */
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

/**
 * Japanese forms some input methods produce, which OpenCC keeps as they are (it maps 査 → 查
 * but not 処 → 处): those that occur in commands and division names.
 */
const VARIANTS: Record<string, string> = { 処: '处', 発: '发', 帰: '归', 検: '检', 経: '经', 総: '总', 続: '续', 応: '应', 対: '对' };

export interface Source {
  /** Exactly what was received. */
  readonly raw: string;
  /** The normalised text commands are parsed from. */
  readonly text: string;
  /** starts[i]: index in `raw` of the character that produced text[i]; starts[text.length] closes the last one. */
  readonly starts: readonly number[];
}

interface Piece {
  ch: string;
  at: number;
}

/** One code point to its normalised form (possibly several characters, possibly none). */
function foldChar(c: string): string {
  return (VARIANTS[c] ?? c).normalize('NFKC');
}

function fold(raw: string): Piece[] {
  const points = Array.from(raw);
  const converted = Array.from(toSimplified(raw));
  // Phrase conversion almost always keeps the length; when it does not, convert point by point
  // so every character still knows its origin.
  const simple = converted.length === points.length ? converted : points.map((c) => toSimplified(c));
  const out: Piece[] = [];
  let at = 0;
  points.forEach((c, i) => {
    for (const ch of foldChar(simple[i]!)) out.push({ ch, at });
    at += c.length;
  });
  return out;
}

function collapseSpaces(pieces: Piece[]): Piece[] {
  return pieces.map((p) => (/\s/u.test(p.ch) ? { ...p, ch: ' ' } : p)).filter((p, i, all) => p.ch !== ' ' || all[i - 1]?.ch !== ' ');
}

function trimEnds(pieces: Piece[]): Piece[] {
  let from = 0;
  let to = pieces.length;
  while (from < to && pieces[from]!.ch === ' ') from++;
  // Voice transcripts end with 。; a trailing ！ is emphasis, not part of a command.
  while (to > from && /[\s。！!]/u.test(pieces[to - 1]!.ch)) to--;
  return pieces.slice(from, to);
}

/** Leading @mentions (group chats put `@提案通` in front of the command). */
function dropMentions(pieces: Piece[]): Piece[] {
  const text = pieces.map((p) => p.ch).join('');
  const m = /^(?:@\S+\s*)+/u.exec(text);
  if (!m) return pieces;
  // Characters are single code units after folding except astral ones: count by code units.
  let units = 0;
  let i = 0;
  while (i < pieces.length && units < m[0].length) units += pieces[i++]!.ch.length;
  return pieces.slice(i);
}

export function normalizeSource(raw: string): Source {
  const pieces = trimEnds(dropMentions(trimEnds(collapseSpaces(fold(raw)))));
  let text = '';
  const starts: number[] = [];
  for (const p of pieces) {
    for (let k = 0; k < p.ch.length; k++) starts.push(p.at);
    text += p.ch;
  }
  const last = pieces.at(-1);
  starts.push(last ? nextPointEnd(raw, last.at) : raw.length);
  return { raw, text, starts };
}

/** Index just after the code point starting at `at`. */
const nextPointEnd = (raw: string, at: number): number => at + (raw.codePointAt(at)! > 0xffff ? 2 : 1);

/** Raw text behind text[from, to); at the very end, what followed (a closing 。) is kept too. */
function rawSlice(s: Source, from: number, to: number): string {
  const end = to >= s.text.length ? s.raw.length : s.starts[to]!;
  return s.raw.slice(s.starts[from], end).trim();
}

/**
 * A fragment of the normalised text as the person typed it. Parsers take words out of the
 * message (the phase, the method…) and join the rest with spaces: each run of words that stood
 * together is given back from the raw text; a word not found (a parser rewrote it) stays as it is.
 */
export function original(s: Source, fragment: string): string {
  const words = fragment.split(' ').filter(Boolean);
  if (words.length === 0) return fragment;
  const runs: string[] = [];
  let cursor = 0;
  let run: { from: number; to: number } | undefined;
  const close = () => {
    if (run) runs.push(rawSlice(s, run.from, run.to));
    run = undefined;
  };
  for (const w of words) {
    let at = s.text.indexOf(w, cursor);
    if (at < 0) at = s.text.indexOf(w);
    if (at < 0) {
      close();
      runs.push(w);
      continue;
    }
    const between = run ? s.text.slice(run.to, at) : '';
    if (run && at >= run.to && /^ ?$/u.test(between)) run.to = at + w.length;
    else {
      close();
      run = { from: at, to: at + w.length };
    }
    cursor = at + w.length;
  }
  close();
  return runs.join(' ');
}
