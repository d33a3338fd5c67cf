/** The web console's signed-out sessions in MongoDB (implements web/session.ts's SessionRevocations). */
import type { SessionRevocations } from '../web/session.js';
import { SessionRevocationModel } from './models/session-revocation.model.js';

const isDuplicateKey = (err: unknown) => (err as { code?: number }).code === 11000;

export function createSessionRevocations(): SessionRevocations {
  return {
    async revoke(sid, expiresAt, now) {
      try {
        await SessionRevocationModel.create({ _id: sid, expiresAt });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      // Keeps the collection small: every request reads it.
      await SessionRevocationModel.deleteMany({ expiresAt: { $lte: now } });
    },
    async isRevoked(sid) {
      return (await SessionRevocationModel.exists({ _id: sid })) !== null;
    },
  };
}
