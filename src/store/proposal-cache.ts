/**
 * Whole proposal documents (audit trails included) held in this instance's memory, so that opening
 * a case does not cost a read by `_id`: on FerretDB 1.24 such a read scans the collection (on
 * SQLite until the document is found, about 40 µs a document; on PostgreSQL all of it), which at
 * 10,000 proposals made a chat command wait up to half a second per read.
 *
 * Filled by the view's full load and by every read and write here; each document is kept as BSON
 * (a compact copy no caller can change), the least recently used first to go past the byte limit.
 * A held document is only a starting point: the repository rolls it forward to any later version
 * listed as pending, and forgets it when the change log reports a later version from elsewhere.
 */
import mongoose from 'mongoose';

type Doc = Record<string, unknown>;

const { BSON } = mongoose.mongo;

export class ProposalDocCache {
  /** Id → the version held and its document; a Map keeps insertion order, renewed on use. */
  private readonly docs = new Map<string, { version: number; bytes: Uint8Array }>();
  private held = 0;

  constructor(private readonly maxBytes: number) {}

  /** A fresh copy of the document held for `id`, if any. */
  get(id: string): Doc | undefined {
    const e = this.docs.get(id);
    if (!e) return undefined;
    this.docs.delete(id);
    this.docs.set(id, e);
    return BSON.deserialize(e.bytes) as Doc;
  }

  /** Holds `doc` unless it or a later version is held (a version, once committed, never changes). */
  put(doc: Doc): void {
    const id = String(doc._id);
    const version = Number(doc.version);
    const old = this.docs.get(id);
    if (old && old.version >= version) return;
    // A copy of its own: what serialize returns is a slice of a shared 8 KB pool, and a held slice
    // kept the whole of it alive (measured: 7.5 KB held per 1.8 KB document).
    const bytes = new Uint8Array(BSON.serialize(doc, { ignoreUndefined: true }));
    this.drop(id);
    if (bytes.length > this.maxBytes) return;
    this.docs.set(id, { version, bytes });
    this.held += bytes.length;
    if (this.held <= this.maxBytes) return;
    // Down to nine tenths at once: each pass from the oldest steps over the slots of the entries
    // let go before, and one pass per document made a full load at 100,000 take seconds more.
    for (const [oldest] of this.docs) {
      if (this.held <= this.maxBytes * 0.9) break;
      this.drop(oldest);
    }
  }

  /** A version after `version` was committed elsewhere: an older copy is no longer worth holding. */
  forgetBefore(id: string, version: number): void {
    if ((this.docs.get(id)?.version ?? Infinity) < version) this.drop(id);
  }

  /** The ledger is loaded again from scratch (the database may have been replaced). */
  clear(): void {
    this.docs.clear();
    this.held = 0;
  }

  /** Bytes held, for the bench and tests. */
  get size(): number {
    return this.held;
  }

  private drop(id: string): void {
    const e = this.docs.get(id);
    if (!e) return;
    this.docs.delete(id);
    this.held -= e.bytes.length;
  }
}
