/** Admin views on the real stores: the outbox with a failed message and its retry, the schedules and job runs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSchedulesConfig } from '../../src/config/schedules.config.js';
import { createOutbox } from '../../src/outbox/outbox.js';
import { createJobRunStore } from '../../src/store/job-run.repository.js';
import { createOutboxStore } from '../../src/store/outbox.repository.js';
import { createJobsView } from '../../src/web/jobs-view.js';
import { useTestDb } from '../support/test-db.js';
import { NOW, startWeb, type WebHarness } from './web-harness.js';

const outboxStore = createOutboxStore();
const jobRuns = createJobRunStore();

useTestDb();

let web: WebHarness;
const CHASED_ID = '0b5e6a6e-5f0c-4a53-9a55-8f1f2c3d4e5f';

beforeAll(async () => {
  web = await startWeb({ outbox: createOutbox({ store: outboxStore }), jobs: (core) => createJobsView(jobRuns, { core, config: loadSchedulesConfig() }) });
  const outbox = createOutbox({ store: outboxStore, now: () => NOW });
  await outbox.enqueue({ key: 'k1', to: { kind: 'user', userid: 'kf-head' }, body: { type: 'text', text: '交办提醒' }, purpose: '交办通知' });
  await outbox.enqueue({ key: 'k2', to: { kind: 'groupRobot' }, body: { type: 'text', text: '周报' }, purpose: '每周督导' });
  await outbox.enqueue({
    key: `chase:${CHASED_ID}:3:kf-staff`,
    to: { kind: 'user', userid: 'kf-staff' },
    body: { type: 'text', text: '请尽快与委员沟通' },
    purpose: 'chase',
  });
  const claimed = (await outboxStore.claimNext(() => new Date(NOW.getTime() + 1000), 60_000))!;
  await outboxStore.markFailed(claimed, 'errcode 81013: user not found');
  const claim = (await jobRuns.claim('weekly-summary', '2026-W41', { now: NOW, leaseMs: 60_000, maxAttempts: 3 }))!;
  await jobRuns.finish(claim, NOW, { enqueued: 5, alreadyQueued: 0 });
});
afterAll(async () => web?.close());

const get = async (path: string) => (await fetch(`${web.url}${path}`, { headers: { cookie: web.cookieFor('zf-staff').cookie } })).text();

describe('admin views', () => {
  it('lists failed messages with their reason and puts one back in the queue on retry', async () => {
    const failed = await get('/admin/outbox?status=failed');
    expect(failed).toContain('errcode 81013: user not found');
    const id = /action="\/admin\/outbox\/([^/]+)\/retry"/.exec(failed)![1]!;
    const { cookie, csrf } = web.cookieFor('zf-staff');
    const res = await fetch(`${web.url}/admin/outbox/${id}/retry`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${csrf}`,
    });
    expect(res.headers.get('location')).toBe('/admin/outbox?status=pending&done=retried');
    expect((await outboxStore.list({ status: 'failed' })).length).toBe(0);
    expect(await get('/admin/outbox?status=pending&done=retried')).toContain('已放回发送队列');
  });

  it('names what each message is for in Chinese, links a notice to its proposal and previews it', async () => {
    const page = await get('/admin/outbox');
    expect(page).toContain(`<a href="/proposals/${CHASED_ID}">催办提醒</a>`);
    expect(page).toContain('请尽快与委员沟通');
    expect(page).not.toContain('>chase<');
  });

  it('shows each schedule with its next run and a preview of what it would send', async () => {
    const jobs = await get('/admin/jobs');
    const row = (job: string) => new RegExp(`<tr data-job="${job}">([\\s\\S]*?)</tr>`).exec(jobs)?.[1] ?? '';
    // The harness's now is Friday 9 October 2026, 10:00: the digest next runs on Saturday the 10th, a make-up working day.
    expect(row('digest')).toContain('每个工作日 09:00');
    expect(row('digest')).toContain('class="next-run">2026-10-10 09:00<');
    expect(row('weekly-summary')).toContain('周督导');
    expect(row('weekly-summary')).toContain('2026-W41');
    expect(row('weekly-summary')).toContain('预览');
    expect(row('monthly-summary')).toContain('2026-10');
    expect(row('member-notices')).toContain('进展通知');
  });

  it('shows the scheduled job runs', async () => {
    const jobs = await get('/admin/jobs');
    expect(jobs).toContain('周督导');
    expect(jobs).toContain('2026-W41');
    expect(jobs).toContain('已完成');
    expect(jobs).toContain('入队 5 条');
  });
});
