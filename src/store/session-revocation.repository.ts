/** The web console's signed-out sessions in MongoDB (domain/session.port.ts). */
import type { SessionRevocations } from '../domain/session.port.js';
import { SessionRevocationModel } from './models/session-revocation.model.js';
import { insertOnce } from './documents.js';

export function createSessionRevocations(): SessionRevocations {
  return {
    async revoke(sid, expiresAt, now) {
      // Signed out already (another tab): the row is there, which is all that matters.
      await insertOnce(() => SessionRevocationModel.create({ _id: sid, expiresAt }));
      // Keeps the collection small: every request reads it.
      await SessionRevocationModel.deleteMany({ expiresAt: { $lte: now } });
    },
    async isRevoked(sid) {
      return (await SessionRevocationModel.exists({ _id: sid })) !== null;
    },
  };
}
