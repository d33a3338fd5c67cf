/**
 * The conversation's dialog store on in-memory dialog rows (the rows' side is
 * test/store/contracts/dialogs.contract.ts), on a simulated clock: each kind of state kept for its own time,
 * an expired or unreadable row read as absent and deleted, a pending step of an older shape read
 * as outdated, and a row rewritten meanwhile never deleted by a reader of the old one.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { DialogRows } from '../../src/domain/dialog.port.js';
import { createDialogStore, type DialogStore, type Pending } from '../../src/conversation/dialog.store.js';
import { memoryDialogRows } from '../support/memory-stores.js';

const T0 = new Date('2026-03-02T01:00:00Z').getTime();
const MIN = 60_000;
let t: number;
let rows: DialogRows;
let dialogs: DialogStore;
const open = (r: DialogRows) => createDialogStore(r, { clock: { now: () => new Date(t) }, pendingTtlMs: 30 * MIN, photoWindowMs: 10 * MIN });

beforeEach(() => {
  t = T0;
  rows = memoryDialogRows();
  dialogs = open(rows);
});

const pick: Extract<Pending, { type: 'pick' }> = { type: 'pick', command: { id: 'assign', args: '乡村' }, candidates: ['p1', 'p2'] };

describe('dialog store', () => {
  it('keeps a pending step until its time is up, then reads it as absent and deletes it', async () => {
    await dialogs.setPending('ask:wecom-app:c1:u1', 'u1', pick);
    t += 30 * MIN - 1;
    expect(await dialogs.getPending('ask:wecom-app:c1:u1')).toEqual(pick);
    t += 1;
    expect(await dialogs.getPending('ask:wecom-app:c1:u1')).toBeUndefined();
    expect(await rows.get('ask:wecom-app:c1:u1')).toBeUndefined();
  });

  it('keeps pending steps of the same person in different chats apart, and clears one', async () => {
    await dialogs.setPending('ask:wecom-app:c1:u1', 'u1', pick);
    await dialogs.setPending('ask:wecom-app:c2:u1', 'u1', { type: 'register', step: 1, answers: { number: '0102' } });
    expect(await dialogs.clearPending('ask:wecom-app:c1:u1')).toBe(true);
    expect(await dialogs.clearPending('ask:wecom-app:c1:u1')).toBe(false);
    expect(await dialogs.getPending('ask:wecom-app:c1:u1')).toBeUndefined();
    expect(await dialogs.getPending('ask:wecom-app:c2:u1')).toEqual({ type: 'register', step: 1, answers: { number: '0102' } });
  });

  it('reads a pending step of a shape no longer known as outdated, and unreadable state as absent', async () => {
    await rows.put('ask:old', 'u1', { type: 'choose-division', options: [] }, new Date(T0 + MIN));
    expect(await dialogs.getPending('ask:old')).toEqual({ type: 'outdated' });
    await rows.put('ask:broken', 'u1', 'not an object', new Date(T0 + MIN));
    expect(await dialogs.getPending('ask:broken')).toBeUndefined();
    expect(await rows.get('ask:broken')).toBeUndefined();
    await rows.put('photo:u1', 'u1', { proposalId: 'p1' }, new Date(T0 + MIN));
    expect(await dialogs.getPhotoWindow('u1')).toBeUndefined();
  });

  it('does not delete a row rewritten after the expired one was read', async () => {
    await dialogs.setPending('ask:k', 'u1', pick);
    const expired = (await rows.get('ask:k'))!;
    t += 30 * MIN;
    // Another instance writes a new step between this reader's read and its delete.
    const racing: DialogRows = { ...rows, get: async () => expired };
    await dialogs.setPending('ask:k', 'u1', { ...pick, candidates: ['p3'] });
    expect(await open(racing).getPending('ask:k')).toBeUndefined();
    expect(await dialogs.getPending('ask:k')).toEqual({ ...pick, candidates: ['p3'] });
  });

  it('opens the photo window for its own time', async () => {
    await dialogs.openPhotoWindow('u1', { proposalId: 'p1', contactId: 'c1' });
    t += 10 * MIN - 1;
    expect(await dialogs.getPhotoWindow('u1')).toEqual({ proposalId: 'p1', contactId: 'c1' });
    expect(await dialogs.getPhotoWindow('u2')).toBeUndefined();
    t += 1;
    expect(await dialogs.getPhotoWindow('u1')).toBeUndefined();
  });

  it('remembers the newest card for a month and the list page for as long as a pending step', async () => {
    await dialogs.markLatestCard('u1', 'task-1');
    await dialogs.markLatestCard('u1', 'task-2');
    await dialogs.rememberPage('ask:wecom-app:c1:u1', 'u1', { list: 'mine', page: 2 });
    // The page is kept beside a pending step under the same key, not in its place.
    await dialogs.setPending('ask:wecom-app:c1:u1', 'u1', pick);
    expect(await dialogs.lastPage('ask:wecom-app:c1:u1')).toEqual({ list: 'mine', page: 2 });
    t += 30 * MIN;
    expect(await dialogs.lastPage('ask:wecom-app:c1:u1')).toBeUndefined();
    expect(await dialogs.latestCard('u1')).toBe('task-2');
    t = T0 + 30 * 24 * 60 * MIN;
    expect(await dialogs.latestCard('u1')).toBeUndefined();
  });
});
