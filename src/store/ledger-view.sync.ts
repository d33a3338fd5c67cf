/**
 * Keeps this instance's ledger view (domain/ledger-view.ts) current. The first use loads every
 * proposal; this instance's own writes are applied as they are made; other instances' writes
 * arrive through the change log, read in the background twice a second, and before a use of the
 * view that finds the last read more than a second old. So they show within about a second, and
 * a page or a chat answer rarely waits for the database.
 */
import { LedgerView, ValuePool, type LedgerEntry } from '../domain/ledger-view.js';
import type { LedgerViewSource } from '../domain/ports.js';
import type { Logger } from '../shared/logger.js';
import type { ChangeFeed } from '../domain/change-feed.port.js';

/** Rows are read again this far behind the last read: a writer's row can land late, and clocks differ a little. */
const OVERLAP_MS = 30_000;
/** How long change-log rows must be kept for the views to follow (housekeeping's purge). */
export const CHANGE_LOG_KEEP_MS = 5 * 60_000;
/**
 * Without a successful read for this long the rows in between may soon be purged: load everything
 * again instead. Measured from the start of the last read or load, so it must leave room for a
 * slow full load (10,000 proposals on a loaded machine take minutes on FerretDB): a shorter limit
 * would have the catch-up after such a load load everything again, and again.
 */
const RELOAD_AFTER_MS = CHANGE_LOG_KEEP_MS - 2 * OVERLAP_MS;
/** A use of the view waits for the change log only when the last read began longer ago than this. */
const FRESH_MS = 1000;
/** The background read's period. */
const FOLLOW_EVERY_MS = 500;

export interface LedgerViewSyncOptions {
  changes: ChangeFeed;
  /** Streams every proposal's entry, for a full load. */
  loadAll: () => AsyncIterable<LedgerEntry>;
  /** Told when the directory changed elsewhere, or the database was replaced. */
  onDirectoryChange?: () => void;
  /** Told of the proposal versions read from the change log (anyone's, this instance's too). */
  onProposalChanges?: (entries: LedgerEntry[]) => void;
}

export class LedgerViewSync implements LedgerViewSource {
  readonly view = new LedgerView();
  /** One copy of the values the loaded and arriving entries repeat (see ValuePool). */
  private readonly pool = new ValuePool();
  private epoch: string | undefined;
  /** Start of the last successful read (this clock); 0 before the first load. */
  private readFrom = 0;
  private inFlight: Promise<void> | undefined;
  /** Rows read already (id → when written), left out of the next reads. */
  private readonly seen = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly o: LedgerViewSyncOptions) {}

  async current(): Promise<LedgerView> {
    if (this.readFrom === 0 || Date.now() - this.readFrom > FRESH_MS) await this.catchUp();
    return this.view;
  }

  /** This instance's own writes, applied at once (they are in the change log for the others). */
  applyOwn(entries: LedgerEntry[]): void {
    this.view.apply(entries.map((e) => this.pool.intern(e)));
  }

  /** Loads or catches up; concurrent callers share one read. */
  catchUp(): Promise<void> {
    this.inFlight ??= this.step().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Catches up every `everyMs` in the background, logging (not throwing) failures. */
  follow(log: Logger, everyMs = FOLLOW_EVERY_MS): void {
    this.timer ??= setInterval(() => {
      this.catchUp().catch((err: unknown) => log.warn({ err }, 'ledger view could not catch up with the change log'));
    }, everyMs);
    this.timer.unref();
  }

  /** Stops following, once the read in progress (if any) is over: the database may close next. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.inFlight?.catch(() => undefined);
  }

  private async step(): Promise<void> {
    const started = Date.now();
    if (this.readFrom === 0 || started - this.readFrom > RELOAD_AFTER_MS) return this.load(started);
    const since = this.readFrom - OVERLAP_MS;
    for (const [id, at] of this.seen) if (at < since) this.seen.delete(id);
    const { epoch, changes } = await this.o.changes.read(new Date(since), [...this.seen.keys()]);
    if (epoch !== this.epoch) return this.load(started);
    const entries: LedgerEntry[] = [];
    let directoryChanged = false;
    for (const c of changes) {
      this.seen.set(c.id, c.at.getTime());
      if (c.kind === 'proposal') entries.push(this.pool.intern(c.entry));
      else directoryChanged = true;
    }
    this.view.apply(entries);
    this.o.onProposalChanges?.(entries);
    if (directoryChanged) this.o.onDirectoryChange?.();
    this.readFrom = started;
  }

  /** Everything again: at start, after a long gap, or when the database was emptied or replaced. */
  private async load(started: number): Promise<void> {
    this.epoch = await this.o.changes.epoch();
    // The pool starts afresh with a full load, holding only what the entries use.
    this.pool.clear();
    const entries: LedgerEntry[] = [];
    for await (const e of this.o.loadAll()) entries.push(this.pool.intern(e));
    this.view.reset(entries);
    this.seen.clear();
    this.o.onDirectoryChange?.();
    // Writes made while loading are in the change log: the next read starts before this one began.
    this.readFrom = started;
  }
}
