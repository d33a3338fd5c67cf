/**
 * Word segmentation with jieba (`@node-rs/jieba`, a native binary shipped as a per-platform npm
 * package), measured against character bigrams by the similar bench. Not used by the service:
 * bigrams found the planted duplicates better on the sample list (see README, 相似提案).
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { STOPWORDS, textRuns, type Tokenizer } from '../src/domain/similar/tokenize.js';

let instance: Jieba | undefined;

/** Loads the dictionary once (about a quarter of a second). */
export function loadJieba(): Jieba {
  return (instance ??= Jieba.withDict(dict));
}

/** Search mode also yields the parts of long words (公益性岗位 → 公益, 公益性, 岗位). */
export function jiebaTokenizer(mode: 'search' | 'exact'): Tokenizer {
  const j = loadJieba();
  return (text) => {
    const out: string[] = [];
    for (const run of textRuns(text)) {
      for (const w of mode === 'search' ? j.cutForSearch(run, true) : j.cut(run, true)) if (!STOPWORDS.has(w)) out.push(w);
    }
    return out;
  };
}
