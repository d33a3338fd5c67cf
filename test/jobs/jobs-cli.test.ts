/**
 * `npm run cli -- jobs …`: previews print exactly what would be sent and send nothing;
 * `jobs runs` lists the run records; bad usage is answered before the database is opened.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { OutboxMessageModel } from '../../src/store/models/outbox-message.model.js';
import { cliRunner } from '../support/cli-harness.js';
import { useTestDb } from '../support/test-db.js';
import { at, createSim, type Sim } from './jobs.fixture.js';

useTestDb();
let sim: Sim;

const cli = cliRunner(() => sim.core);

beforeAll(async () => {
  sim = await createSim();
  const p = await sim.register({ number: '0301', title: '关于农村电商的提案', receivedAt: at('2026-10-09 10:00') }, '2026-10-09 10:00');
  await sim.act('2026-10-13 10:00', p, 'coordinator', { type: 'assign', leadDivision: 'kfzd' });
  await sim.act('2026-10-13 11:00', p, 'head', { type: 'designate', handlerUserid: 'kf-staff' });
  sim.clock.set('2026-11-30 10:00');
  await sim.scheduler().runDue(at('2026-11-26 09:00'));
}, 60_000);

describe('jobs preview and runs', () => {
  it('previews a weekly summary, a monthly one and one person’s digest without sending', async () => {
    const before = await OutboxMessageModel.countDocuments();
    const weekly = await cli(['jobs', 'preview', 'weekly', '--period', '2026-W48']);
    expect(weekly).toMatchObject({ code: 0, err: '' });
    expect(weekly.out).toMatch(/^【预览，未发送】2026-W48\n\*\*提案办理周督导 · 2026年第48周（11月23日—11月29日）\*\*/);
    const monthly = await cli(['jobs', 'preview', 'monthly', '--period', '2026-11']);
    expect(monthly.out).toContain('**开发指导处** 交办 1｜办复 0');
    const digest = await cli(['jobs', 'preview', 'digest', '--date', '2026-11-26', '--as', 'leader1']);
    expect(digest.out).toMatch(/发给 李局长（leader1）[\s\S]*逾期较久，请协调推动（2件）\*\*\n> 第0301号《关于农村电商的提案》，办前沟通11月3日到期/);
    expect(await OutboxMessageModel.countDocuments()).toBe(before);
  });

  it('lists job runs', async () => {
    const result = await cli(['jobs', 'runs', '--job', 'digest']);
    expect(result.out.split('\n')).toEqual([
      expect.stringMatching(/^任务\t期间\t状态/),
      expect.stringMatching(/^digest\t2026-11-26\t完成\t1\t2026-11-26 09:00\t2026-11-26 09:00\t3\t0\t$/),
    ]);
  });

  it.each([
    [['jobs'], '请写明子命令'],
    [['jobs', 'preview', 'yearly'], '不能预览“yearly”'],
    [['jobs', 'preview', 'weekly', '--period', '2026-48'], '周次“2026-48”不对，请写成 YYYY-Www，例如 2026-W48。'],
    [['jobs', 'preview', 'monthly'], '请用 --period 写明期间，例如 --period 2026-11。'],
    [['jobs', 'preview', 'digest', '--date', '2026-11-31'], '日期“2026-11-31”不对'],
    [['jobs', 'runs', '--limit', 'all'], '条数“all”不对'],
  ])('%j says what is wrong, with an example', async (args, problem) => {
    const result = await cli(args, { database: false });
    expect(result.code).toBe(1);
    expect(result.err).toContain(problem);
    expect(result.err).toContain('例如：npm run cli -- jobs preview weekly --period 2026-W48');
  });
});
