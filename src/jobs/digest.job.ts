/**
 * 每日催办提醒: on each working day, one digest per person (see domain/digest.ts for who hears
 * about what), sent through the outbox under `digest:<date>:<userid>`.
 */
import type { SchedulesConfig } from '../config/schedules.config.js';
import { collectDigestItems, type DigestItem } from '../domain/digest.js';
import { renderDigest } from '../present/digest.js';
import { toLocalDate, type LocalDate } from '../domain/shanghai-time.js';
import type { RunContext } from './job-runner.js';
import { loadNames } from '../domain/names.js';
import { digestCandidates, viewAsOf, type SummaryDeps } from './summary.queries.js';

export interface DigestMessage {
  userid: string;
  name: string;
  items: DigestItem[];
  markdown: string;
}

/** Every digest due at `now` (or only `onlyUserid`'s), from the ledger as it stood then, for sending or previewing. */
export async function buildDigests(core: SummaryDeps, config: SchedulesConfig, now: Date, onlyUserid?: string): Promise<DigestMessage[]> {
  const [names, view] = await Promise.all([loadNames(core), viewAsOf(core, now)]);
  const coordinators = [...names.people.values()].filter((p) => p.active && p.roles.includes('coordinator')).map((p) => p.userid);
  const deadlines = core.ledgerConfig.deadlines;
  const byPerson = collectDigestItems(digestCandidates(view, toLocalDate(now), deadlines.dueSoonWorkdays, core.calendar), {
    now,
    calendar: core.calendar,
    deadlines,
    escalation: config.escalation,
    divisions: names.divisions,
    people: names.people,
    coordinators,
  });
  const out: DigestMessage[] = [];
  for (const [userid, items] of [...byPerson].sort(([a], [b]) => a.localeCompare(b))) {
    if (onlyUserid !== undefined && userid !== onlyUserid) continue;
    const person = names.people.get(userid);
    // People who left (deactivated in the directory) are not nudged; the escalation still reaches their head.
    if (onlyUserid === undefined && person?.active === false) continue;
    const name = person?.name ?? userid;
    out.push({ userid, name, items, markdown: renderDigest(name, now, items, config.digest.maxItemsPerSection) });
  }
  return out;
}

export async function runDigest(ctx: RunContext, core: SummaryDeps, config: SchedulesConfig, date: LocalDate): Promise<void> {
  for (const d of await buildDigests(core, config, ctx.now)) {
    await ctx.send({
      key: `digest:${date}:${d.userid}`,
      to: { kind: 'user', userid: d.userid },
      body: { type: 'markdown', markdown: d.markdown },
      purpose: 'daily-digest',
    });
  }
}
