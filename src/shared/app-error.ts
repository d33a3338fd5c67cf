/**
 * The base of every error 提案通 throws on purpose. `code` is stable (logs, tests and programs
 * match on it, never on the wording); the message is what a person is shown where the error is
 * shown to one, written in the feature's texts file, except a DomainError's: its refusal is facts,
 * worded by present/refusals.ts. Errors nobody planned stay plain `Error`s.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
