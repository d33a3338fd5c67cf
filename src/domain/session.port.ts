/**
 * The web console's signed-out sessions, shared by every instance so that signing out ends the
 * session everywhere (web/session.ts). Implemented in store/session-revocation.repository.ts.
 */

export interface SessionRevocations {
  /** Ends session `sid` everywhere; `expiresAt` is when its cookie would have expired anyway. */
  revoke(sid: string, expiresAt: Date, now: Date): Promise<void>;
  isRevoked(sid: string): Promise<boolean>;
}
