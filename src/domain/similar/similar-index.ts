/**
 * 相似提案: an in-memory TF-IDF index over 案由 + 内容摘要 with cosine similarity, so a score is
 * in [0, 1] and reads as a percentage. Postings are rebuilt lazily after additions (idf moves with
 * every document), which costs a pass over the cached term counts, not a new tokenisation.
 */
import type { Tokenizer } from './tokenize.js';

export interface SimilarHit {
  id: string;
  /** Cosine similarity in [0, 1]. */
  score: number;
}

interface Entry {
  id: string;
  /** Term id → count. */
  tf: Map<number, number>;
}

export class SimilarIndex {
  private readonly termIds = new Map<string, number>();
  private readonly entries: Entry[] = [];
  private readonly position = new Map<string, number>();
  private dirty = true;
  private idf: Float64Array = new Float64Array(0);
  /** Per term: the documents holding it and the term's normalised weight in each. */
  private postings: { docs: Int32Array; weights: Float32Array }[] = [];

  constructor(private readonly tokenize: Tokenizer) {}

  get size(): number {
    return this.entries.length;
  }

  /** Adds a document, or replaces the text of one already indexed under `id`. */
  add(id: string, text: string): void {
    const tf = new Map<number, number>();
    for (const term of this.tokenize(text)) {
      let t = this.termIds.get(term);
      if (t === undefined) this.termIds.set(term, (t = this.termIds.size));
      tf.set(t, (tf.get(t) ?? 0) + 1);
    }
    const at = this.position.get(id);
    if (at === undefined) {
      this.position.set(id, this.entries.length);
      this.entries.push({ id, tf });
    } else this.entries[at] = { id, tf };
    this.dirty = true;
  }

  has(id: string): boolean {
    return this.position.has(id);
  }

  /** The `k` documents most similar to `text`, best first, above `minScore`, leaving out `exclude`. */
  search(text: string, options: { k: number; minScore?: number; exclude?: ReadonlySet<string> }): SimilarHit[] {
    this.build();
    const query = new Map<number, number>();
    for (const term of this.tokenize(text)) {
      const t = this.termIds.get(term);
      if (t !== undefined) query.set(t, (query.get(t) ?? 0) + 1);
    }
    const qWeights: [number, number][] = [];
    let norm = 0;
    for (const [t, n] of query) {
      const w = (1 + Math.log(n)) * this.idf[t]!;
      if (w > 0) qWeights.push([t, w]);
      norm += w * w;
    }
    if (norm === 0) return [];
    norm = Math.sqrt(norm);
    const scores = new Float64Array(this.entries.length);
    const touched: number[] = [];
    for (const [t, w] of qWeights) {
      const { docs, weights } = this.postings[t]!;
      const qw = w / norm;
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i]!;
        if (scores[d] === 0) touched.push(d);
        scores[d]! += qw * weights[i]!;
      }
    }
    // Top k by insertion into a short sorted list: sorting every touched document cost more than scoring.
    const min = options.minScore ?? 0;
    const top: number[] = [];
    for (const d of touched) {
      const score = scores[d]!;
      if (score <= min || (top.length === options.k && score <= scores[top[top.length - 1]!]!)) continue;
      if (options.exclude?.has(this.entries[d]!.id)) continue;
      let i = top.length;
      while (i > 0 && scores[top[i - 1]!]! < score) i--;
      top.splice(i, 0, d);
      if (top.length > options.k) top.pop();
    }
    return top.map((d) => ({ id: this.entries[d]!.id, score: Math.min(1, scores[d]!) }));
  }

  private build(): void {
    if (!this.dirty) return;
    const n = this.entries.length;
    const df = new Int32Array(this.termIds.size);
    for (const e of this.entries) for (const t of e.tf.keys()) df[t]!++;
    // Smoothed idf: a term in every document still weighs a little, never negative.
    this.idf = Float64Array.from(df, (x) => (x === 0 ? 0 : Math.log(1 + n / x)));
    const counts = new Int32Array(df.length);
    this.postings = Array.from(df, (x) => ({ docs: new Int32Array(x), weights: new Float32Array(x) }));
    this.entries.forEach((e, d) => {
      let norm = 0;
      for (const [t, c] of e.tf) norm += ((1 + Math.log(c)) * this.idf[t]!) ** 2;
      norm = Math.sqrt(norm) || 1;
      for (const [t, c] of e.tf) {
        const p = this.postings[t]!;
        p.docs[counts[t]!] = d;
        p.weights[counts[t]!++] = ((1 + Math.log(c)) * this.idf[t]!) / norm;
      }
    });
    this.dirty = false;
  }
}
