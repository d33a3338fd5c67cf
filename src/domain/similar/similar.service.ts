/**
 * 相似提案: the most similar earlier proposals (this session's and past ones) to a new one, by the
 * text of 案由 and 内容摘要. The index is kept in memory beside the ledger: loaded on first use,
 * added to as this process registers, and reloaded in the background once it is older than
 * `refreshMs`, so proposals registered by another instance appear within that time.
 */
import type { CaseRef, Proposal } from '../model.js';
import type { Clock } from '../ports.js';
import { SimilarIndex } from './similar-index.js';
import type { Tokenizer } from './tokenize.js';

/** What the index keeps of a proposal: enough to list it. */
export interface SimilarCase extends CaseRef {
  title: string;
  summary: string;
  mergedInto?: CaseRef;
}

export interface SimilarMatch {
  case: SimilarCase;
  /** Cosine similarity in [0, 1]. */
  score: number;
}

export interface SimilarSource {
  /** Every proposal's listing fields (no contacts, events or replies). */
  similarCases(): Promise<SimilarCase[]>;
}

export interface SimilarOptions {
  source: SimilarSource;
  clock: Clock;
  tokenize: Tokenizer;
  /** Default 5 minutes. */
  refreshMs?: number;
  /** How many to list. Default 5. */
  k?: number;
  /**
   * Scores at or below this are not shown. On the sample list planted paraphrases scored 0.24 and
   * more against their subject, unrelated proposals up to 0.29: the list shows scores, the
   * coordinator judges; the floor only drops noise.
   */
  minScore?: number;
}

export const indexText = (p: { title: string; summary: string }): string => `${p.title}\n${p.summary}`;

export const toSimilarCase = (p: Proposal): SimilarCase => ({
  id: p.id,
  kind: p.kind,
  session: p.session,
  number: p.number,
  title: p.title,
  summary: p.summary,
  ...(p.mergedInto && { mergedInto: p.mergedInto }),
});

export class SimilarService {
  private index?: SimilarIndex;
  private cases = new Map<string, SimilarCase>();
  private loadedAt = 0;
  private loading?: Promise<void>;

  constructor(private readonly o: SimilarOptions) {}

  /** The most similar proposals to `text`, best first, leaving out `excludeId` (the proposal itself). */
  async similarTo(p: { id?: string; title: string; summary: string }, k = this.o.k ?? 5): Promise<SimilarMatch[]> {
    await this.ready();
    const exclude = new Set(p.id ? [p.id] : []);
    return this.index!.search(indexText(p), { k, minScore: this.o.minScore ?? 0.15, exclude }).map((h) => ({
      case: this.cases.get(h.id)!,
      score: h.score,
    }));
  }

  /** Adds or updates proposals this process wrote (registered, merged). */
  note(proposals: Proposal[]): void {
    if (!this.index) return;
    for (const p of proposals) this.put(toSimilarCase(p));
  }

  /** Size of the index, for the bench and the health of the feature. */
  get size(): number {
    return this.index?.size ?? 0;
  }

  /** Loads the index if it was never loaded; reloads it in the background when stale. */
  async ready(): Promise<void> {
    if (!this.index) return (this.loading ??= this.load().finally(() => (this.loading = undefined)));
    if (this.o.clock.now().getTime() - this.loadedAt > (this.o.refreshMs ?? 300_000) && !this.loading) {
      this.loading = this.load()
        .catch(() => undefined) // a failed refresh keeps the index it has; the next lookup tries again
        .finally(() => (this.loading = undefined));
    }
  }

  private async load(): Promise<void> {
    const at = this.o.clock.now().getTime();
    const rows = await this.o.source.similarCases();
    const index = new SimilarIndex(this.o.tokenize);
    const cases = new Map<string, SimilarCase>();
    for (const c of rows) {
      index.add(c.id, indexText(c));
      cases.set(c.id, c);
    }
    // Written by this process while the load ran: keep them.
    for (const c of this.cases.values()) {
      if (cases.has(c.id)) continue;
      index.add(c.id, indexText(c));
      cases.set(c.id, c);
    }
    [this.index, this.cases, this.loadedAt] = [index, cases, at];
  }

  private put(c: SimilarCase): void {
    const old = this.cases.get(c.id);
    // Most changes leave the text alone; only a new text makes the index rebuild its weights.
    if (!old || indexText(old) !== indexText(c)) this.index!.add(c.id, indexText(c));
    this.cases.set(c.id, c);
  }
}
