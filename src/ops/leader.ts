/**
 * Leader election over the database, so that of several instances sharing one database exactly one
 * holds the AI-bot connection and runs the scheduler and the outbox worker.
 *
 * Design (FerretDB 1.24 has no atomic guarded update; only unique inserts decide anything):
 * the lease is a log of terms, one document per term, `_id: "<name>#<term>"` (see
 * domain/lease.port.ts). Every `renewMs`:
 * - the leader inserts term t+1 expiring at now + ttl. Success: it leads on. Duplicate key:
 *   somebody took t+1 after t had expired, so it steps down at once. Database error: it leads
 *   on until its own term's end, then steps down (a leader cut off from the database must
 *   not keep acting).
 * - every other instance reads the newest term; when it has expired (or none exists), it
 *   inserts t+1. Of all who try, one insert wins.
 * - a term found to be our own (an insert whose answer was lost) is ours: instance ids are
 *   unique per process (INSTANCE_ID, if set, must differ between instances).
 * A leader that stops cleanly inserts a released term (no holder, already expired), so the
 * next instance takes over on its next look, not after the ttl.
 *
 * Take-over after a leader dies: at most ttl + renewMs (defaults 20 s + 5 s < 30 s).
 * Clock assumption: instances' clocks agree to well under `ttl - renewMs` (NTP). A leader
 * steps down at its own clock's term end, measured from BEFORE its insert, so with agreeing
 * clocks the old leader has stopped before anybody else may start. Should clocks disagree,
 * the overlap is harmless for jobs and outbox (each run and each message is claimed by a unique
 * insert) and short for the bot (WeCom keeps only the newest connection).
 */
import type { Logger } from '../shared/logger.js';
import type { LeaseStore } from '../domain/lease.port.js';

export interface LeaderOptions {
  leases: LeaseStore;
  /** The lease's name: instances competing for the same duties use the same one. */
  name: string;
  instanceId: string;
  ttlMs: number;
  renewMs: number;
  log: Logger;
  /** Called when this instance becomes leader; start the duties here. */
  onElected(): Promise<void> | void;
  /** Called when it stops being leader (lost, expired or stopping); stop the duties here. */
  onDemoted(reason: string): Promise<void> | void;
  now?: () => number;
}

export interface Leader {
  isLeader(): boolean;
  /** The term held, when leader. */
  term(): number | undefined;
  /** Resolves once the first attempt (and any start of duties) is over. */
  readonly ready: Promise<void>;
  /** Steps down (duties stopped), hands the lease over and stops competing. */
  stop(): Promise<void>;
}

/** Old terms kept for inspection; older ones are deleted by the leader. */
const KEEP_TERMS = 50;

export function startLeaderElection(o: LeaderOptions): Leader {
  const log = o.log.child({ component: 'leader', lease: o.name, instance: o.instanceId });
  const now = o.now ?? Date.now;
  let held: { term: number; until: number } | undefined;
  /** While a renewal is in flight: when the term it inserts would end (measured from before it). */
  let renewing: number | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let expiry: NodeJS.Timeout | undefined;
  // Duties start and stop one at a time, in order.
  let transitions: Promise<void> = Promise.resolve();

  const transition = (fn: () => Promise<void> | void): Promise<void> => {
    transitions = transitions.then(fn).catch((err: unknown) => log.error({ err }, 'leader transition failed'));
    return transitions;
  };

  function hold(term: number, until: number): void {
    held = { term, until };
    if (expiry) clearTimeout(expiry);
    expiry = setTimeout(onTermEnd, Math.max(0, until - now()));
  }

  /**
   * The held term has ended. A renewal still in flight (a slow database, a busy event loop) is
   * waited for as long as the term it inserts would be valid: if it lands, that term is ours and
   * nothing was dropped; if another instance took the next term, we step down when we hear.
   * Without one in flight, or once even that term would be over, step down.
   */
  function onTermEnd(): void {
    if (renewing !== undefined && renewing > now()) {
      expiry = setTimeout(onTermEnd, Math.max(0, renewing - now()));
      return;
    }
    void demote('lease expired without renewal');
  }

  function demote(reason: string): Promise<void> {
    if (!held) return transitions;
    held = undefined;
    if (expiry) clearTimeout(expiry);
    log.warn({ reason }, '不再担任主实例 / stepped down as leader');
    return transition(() => o.onDemoted(reason));
  }

  async function elect(term: number, until: number, previous: string | null): Promise<void> {
    if (now() >= until) return;
    hold(term, until);
    log.info({ term, previous }, '已成为主实例 / elected leader');
    // Not awaited: starting the duties can take longer than a term, and renewals must go on meanwhile.
    void transition(() => o.onElected());
  }

  async function attempt(): Promise<void> {
    const startedAt = now();
    const until = startedAt + o.ttlMs;
    try {
      if (held) {
        const next = held.term + 1;
        renewing = until;
        const won = await o.leases.insertTerm({ name: o.name, term: next, holder: o.instanceId, expiresAt: new Date(until) }).finally(() => {
          renewing = undefined;
        });
        if (won) {
          if (!held || held.term !== next - 1) return; // stepped down while the insert was under way
          hold(next, until);
          if (next % KEEP_TERMS === 0) await o.leases.prune(o.name, next - KEEP_TERMS);
        } else {
          // Our own insert of this term may have succeeded with its answer lost (a timeout).
          const row = await o.leases.term(o.name, next);
          if (row?.holder === o.instanceId && held?.term === next - 1) hold(next, row.expiresAt.getTime());
          else await demote('another instance took the lease');
        }
        return;
      }
      const latest = await o.leases.latest(o.name);
      if (latest && latest.expiresAt.getTime() > startedAt) {
        // An unexpired term of our own (an insert whose answer was lost, or a renewal that
        // landed just after we had stepped down): nobody else can hold it, so lead on.
        if (latest.holder === o.instanceId && !stopped) await elect(latest.term, latest.expiresAt.getTime(), latest.holder);
        return;
      }
      const term = (latest?.term ?? 0) + 1;
      if (!(await o.leases.insertTerm({ name: o.name, term, holder: o.instanceId, expiresAt: new Date(until) }))) return;
      if (!stopped) await elect(term, until, latest?.holder ?? null);
    } catch (err) {
      log.warn({ err, leader: Boolean(held) }, 'lease attempt failed (database unreachable?)');
    }
  }

  let startedAt = now();
  let current = attempt();
  const ready = current.then(() => transitions);
  // Every renewMs from the previous attempt's START, so a slow answer does not push the next one
  // back; at least half of renewMs after it ended, so a slow database is not pressed harder.
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(
      () => {
        startedAt = now();
        current = attempt();
        void current.then(schedule);
      },
      Math.max(o.renewMs / 2, startedAt + o.renewMs - now()),
    );
  };
  void current.then(schedule);

  return {
    isLeader: () => held !== undefined,
    term: () => held?.term,
    ready,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
      const last = held?.term;
      await demote('stopping');
      await transitions;
      if (last === undefined) return;
      // Hand over now rather than after the ttl; losing this race to a take-over is fine too.
      await o.leases
        .insertTerm({ name: o.name, term: last + 1, holder: null, expiresAt: new Date(now()) })
        .catch((err: unknown) => log.warn({ err }, 'lease not released; others take over after it expires'));
    },
  };
}
