/**
 * 相似提案. (1) Which tokenisation finds the planted near-duplicates of the sample list better:
 * character bigrams against jieba (`@node-rs/jieba`) in search and exact mode, same TF-IDF cosine
 * index. (2) Lookups over 10,000 earlier proposals: p50/p99 after warm-up (target p99 <= 100 ms),
 * index build time and memory; baseline a linear scan computing the same cosine per document.
 * (3) Loading the index from the database through the service. Prints; asserts nothing.
 */
import { randomUUID } from 'node:crypto';
import { SimilarIndex } from '../src/domain/similar/similar-index.js';
import { SimilarService, indexText } from '../src/domain/similar/similar.service.js';
import { bigramTokenizer, type Tokenizer } from '../src/domain/similar/tokenize.js';
import { MongoProposalRepository } from '../src/store/proposal.repository.js';
import { ProposalModel } from '../src/store/models/proposal.model.js';
import { earlierProposals } from '../test/fixtures/similar-corpus.js';
import { evaluate } from '../test/fixtures/similar-eval.js';
import { PLANTED } from '../test/fixtures/similar-planted.js';
import { jiebaTokenizer, loadJieba } from './jieba.tokenizer.js';
import { fmt, percentile, useBenchDatabase } from './support.js';

const N = 10_000;
const LOOKUPS = 1_000;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function timeSync(n: number, fn: (i: number) => unknown): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fn(i);
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

/** The same cosine, computed document by document: what the inverted index saves. */
function linearScan(tokenize: Tokenizer, docs: { id: string; text: string }[]) {
  const vectors = docs.map((d) => ({ id: d.id, tf: counts(tokenize(d.text)) }));
  const df = new Map<string, number>();
  for (const v of vectors) for (const t of v.tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t: string) => Math.log(1 + vectors.length / (df.get(t) ?? vectors.length));
  const weigh = (tf: Map<string, number>) => {
    const w = new Map([...tf].map(([t, c]) => [t, (1 + Math.log(c)) * idf(t)] as const));
    const norm = Math.sqrt([...w.values()].reduce((s, x) => s + x * x, 0)) || 1;
    return new Map([...w].map(([t, x]) => [t, x / norm] as const));
  };
  const weighted = vectors.map((v) => ({ id: v.id, w: weigh(v.tf) }));
  return (text: string) => {
    const q = weigh(counts(tokenize(text)));
    return weighted
      .map((d) => ({ id: d.id, score: [...q].reduce((s, [t, x]) => s + x * (d.w.get(t) ?? 0), 0) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 5);
  };
}

function counts(terms: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

export async function run(uri: string): Promise<void> {
  const t0 = performance.now();
  loadJieba();
  console.log(`jieba dictionary load: ${fmt(performance.now() - t0)}`);
  const tokenizers: [string, Tokenizer][] = [
    ['character bigrams', bigramTokenizer],
    ['jieba search mode', jiebaTokenizer('search')],
    ['jieba exact mode ', jiebaTokenizer('exact')],
  ];
  console.log(
    `planted near-duplicates of the sample list (${PLANTED.filter((p) => p.subject).length} paraphrases, ${PLANTED.filter((p) => !p.subject).length} unrelated):`,
  );
  for (const [name, tokenize] of tokenizers) {
    const r = evaluate(tokenize);
    console.log(
      `  ${name}: hit@1 ${pct(r.hit1)}  hit@3 ${pct(r.hit3)}  P@3 ${pct(r.p3)}  MRR ${r.mrr.toFixed(3)}` +
        `  lowest true-match score ${r.minRelevant.toFixed(3)}  highest unrelated score ${r.maxUnrelated.toFixed(3)}`,
    );
  }

  const corpus = earlierProposals(N);
  const queries = [...PLANTED.map(indexText), ...earlierProposals(200, 99).map(indexText)];
  for (const [name, tokenize] of tokenizers.slice(0, 2)) {
    global.gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    const b0 = performance.now();
    const index = new SimilarIndex(tokenize);
    for (const d of corpus) index.add(d.id, indexText(d));
    index.search('预热', { k: 5 });
    const buildMs = performance.now() - b0;
    global.gc?.();
    const heapMiB = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
    timeSync(100, (i) => index.search(queries[i % queries.length]!, { k: 5 }));
    const times = timeSync(LOOKUPS, (i) => index.search(queries[i % queries.length]!, { k: 5 }));
    console.log(
      `${name}, ${N} earlier proposals: build ${fmt(buildMs)}  heap ${heapMiB.toFixed(1)} MiB${global.gc ? '' : ' (approx., run node with --expose-gc for exact)'}` +
        `  lookup p50 ${fmt(percentile(times, 50))} p99 ${fmt(percentile(times, 99))} (target p99 <= 100 ms)`,
    );
  }
  const scan = linearScan(
    bigramTokenizer,
    corpus.map((d) => ({ id: d.id, text: indexText(d) })),
  );
  const index = new SimilarIndex(bigramTokenizer);
  for (const d of corpus) index.add(d.id, indexText(d));
  const scanTimes = timeSync(50, (i) => scan(queries[i % queries.length]!));
  const indexTimes = timeSync(200, (i) => index.search(queries[i % queries.length]!, { k: 5 }));
  console.log(
    `baseline linear scan (same cosine), ${N}: p50 ${fmt(percentile(scanTimes, 50))}; inverted index p50 ${fmt(percentile(indexTimes, 50))}` +
      `  ratio ${(percentile(scanTimes, 50) / percentile(indexTimes, 50)).toFixed(1)}x faster`,
  );

  const cleanup = await useBenchDatabase(uri, 'similar');
  try {
    const docs = corpus.map((d, i) => ({
      _id: randomUUID(),
      session: '十三届三次',
      number: String(i + 1).padStart(5, '0'),
      title: d.title,
      summary: d.summary,
    }));
    for (let i = 0; i < docs.length; i += 2_000) await ProposalModel.collection.insertMany(docs.slice(i, i + 2_000) as never[], { ordered: false });
    const service = new SimilarService({ source: new MongoProposalRepository(), clock: { now: () => new Date() }, tokenize: bigramTokenizer });
    const l0 = performance.now();
    await service.similarTo(PLANTED[0]!);
    const loadMs = performance.now() - l0;
    const viaService: number[] = [];
    for (let i = 0; i < 200; i++) {
      const s0 = performance.now();
      await service.similarTo({ title: PLANTED[i % PLANTED.length]!.title, summary: PLANTED[i % PLANTED.length]!.summary });
      viaService.push(performance.now() - s0);
    }
    viaService.sort((a, b) => a - b);
    console.log(
      `service over the database, ${service.size} proposals: first lookup (loads the index) ${fmt(loadMs)}` +
        `; then p50 ${fmt(percentile(viaService, 50))} p99 ${fmt(percentile(viaService, 99))}`,
    );
  } finally {
    await cleanup();
  }
}
