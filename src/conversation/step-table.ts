/** Every guided step with its code, gathered from the command files that define them. */
import { assignSteps } from './commands/assign.command.js';
import { contactSteps } from './commands/contact.command.js';
import { feedbackSteps } from './commands/feedback.command.js';
import { progressSteps } from './commands/progress.command.js';
import { replySteps } from './commands/reply.command.js';
import { superviseSteps } from './commands/supervise.command.js';
import type { StepTable } from './steps.js';

export const STEPS: StepTable = { ...assignSteps, ...contactSteps, ...feedbackSteps, ...progressSteps, ...replySteps, ...superviseSteps };
