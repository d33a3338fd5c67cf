/**
 * What waits for a pick or 确认 is the command as the parser read it: its id and typed arguments
 * (or a member's rating), read back through the store's schema. A dialog stored by the previous
 * version, which named its command by a Chinese word, reads as outdated and is never run.
 */
import { describe, expect, it } from 'vitest';
import { storedPendingSchema, type Pending } from '../../src/conversation/dialog.store.js';

const readBack = (stored: unknown) => storedPendingSchema.parse(JSON.parse(JSON.stringify(stored)));

describe('commands waiting for a pick or 确认', () => {
  it('keep their id and typed arguments, or the rating as read, through the store', () => {
    const waiting: Pending[] = [
      { type: 'pick', command: { id: 'assign', args: '主办:开发处' }, candidates: ['p1', 'p2'], confirm: false },
      { type: 'pick', command: { id: 'rate', rating: 'basic', comment: '还行，继续努力！' }, candidates: ['p1', 'p2'], confirm: true },
      { type: 'confirm', action: { kind: 'command', command: { id: 'undo', args: '' }, proposalId: 'p1' } },
      { type: 'confirm', action: { kind: 'command', command: { id: 'rate', rating: 'dissatisfied', comment: '没落实' }, proposalId: 'p1' } },
    ];
    for (const p of waiting) expect(readBack(p)).toEqual(p);
  });

  it('stored by the previous version with a command word, or naming no known command, read as outdated', () => {
    const old = [
      { type: 'pick', verb: '交办', args: '主办:开发处', candidates: ['p1'], confirm: false },
      { type: 'confirm', action: { kind: 'command', verb: '撤销', proposalId: 'p1', args: '' } },
      { type: 'confirm', action: { kind: 'command', command: { id: '反馈', args: '满意' }, proposalId: 'p1' } },
      { type: 'confirm', action: { kind: 'command', command: { id: 'rate', rating: '满意', comment: '' }, proposalId: 'p1' } },
    ];
    for (const p of old) expect(readBack(p)).toEqual({ type: 'outdated' });
  });
});
