import { AppError } from './app-error.js';

/**
 * What a person typed or filled in could not be understood. Each problem says what was wrong and
 * how to write it, and is shown as it is: chat replies with the message, the console lists the
 * problems on its 400 page.
 */
export class InputError extends AppError {
  readonly problems: readonly string[];

  constructor(...problems: string[]) {
    super('input', problems.join('\n'));
    this.problems = problems;
  }
}
