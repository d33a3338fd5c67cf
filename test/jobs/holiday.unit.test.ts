/**
 * The 2026 National Day holiday (1–7 October; Saturday 10 October is a make-up working day):
 * no nudges while it lasts, the weekly summary waits for the week's first working day and the
 * monthly one for October's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/shanghai-time.js';
import { at, createSim, memoryStores, outboxRows, type Sim } from './jobs.fixture.js';

let sim: Sim;
beforeAll(async () => {
  sim = await createSim({ stores: memoryStores() });
  // Received on 1 September and never assigned: overdue for the coordinators every working day.
  await sim.register({ number: '0201', title: '关于乡村旅游的提案', receivedAt: at('2026-09-01 10:00') }, '2026-09-01 10:00');
  const scheduler = sim.scheduler();
  for (let d = '2026-09-28'; d <= '2026-10-12'; d = addDays(d, 1)) {
    for (const t of ['09:00', '09:30', '22:00']) await scheduler.runDue(at(`${d} ${t}`));
  }
}, 120_000);

describe('the National Day holiday week', () => {
  it('sends no nudges from 1 to 7 October, and resumes on the make-up Saturday', async () => {
    const days = (await outboxRows(sim.stores.outbox)).filter((r) => r.purpose === 'daily-digest').map((r) => r.key.split(':')[1]);
    expect(days).toEqual(['2026-09-28', '2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10', '2026-10-12']);
  });

  it('moves the weekly summary to the first working day of the week and the monthly one to 8 October', async () => {
    const rows = (await outboxRows(sim.stores.outbox)).filter((r) => r.purpose !== 'daily-digest' && r.to === 'leader1');
    expect(rows.map((r) => r.key)).toEqual([
      'weekly:2026-W39:leader1:1',
      // The service first started on 28 September: August's summary, missed until then, is made up.
      'monthly:2026-08:leader1:1',
      'weekly:2026-W40:leader1:1',
      'monthly:2026-09:leader1:1',
      'weekly:2026-W41:leader1:1',
    ]);
  });
});
