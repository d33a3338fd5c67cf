/**
 * The web console's signed-out sessions (domain/session.port.ts), run against the in-memory
 * adapter (unit) and the MongoDB one (integration).
 */
import { describe, expect, it } from 'vitest';
import type { SessionRevocations } from '../../../src/domain/session.port.js';
import { at, freshEach } from './contract-support.js';

const HOUR = 3_600_000;

export function sessionsContract(make: () => Promise<SessionRevocations>): void {
  describe('session revocations contract', () => {
    const sessions = freshEach(make);

    it('ends a session everywhere, once or twice (another tab)', async () => {
      expect(await sessions.isRevoked('s1')).toBe(false);
      await sessions.revoke('s1', at(HOUR), at(0));
      await sessions.revoke('s1', at(HOUR), at(1));
      expect(await sessions.isRevoked('s1')).toBe(true);
      expect(await sessions.isRevoked('s2')).toBe(false);
    });

    it('forgets sessions whose cookies have expired anyway', async () => {
      await sessions.revoke('s1', at(HOUR), at(0));
      await sessions.revoke('s2', at(3 * HOUR), at(2 * HOUR));
      expect(await sessions.isRevoked('s1')).toBe(false);
      expect(await sessions.isRevoked('s2')).toBe(true);
    });
  });
}
