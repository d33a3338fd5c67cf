/**
 * The middleware chain every inbound message goes through:
 * error boundary → de-duplicate → group filter → resolve person → pending step → route.
 */
import { INBOUND_LIMITS } from '../channels/contract.js';
import { describeError } from '../present/refusals.js';
import { handleCardAction, runConfirmed } from './card-action.js';
import { continueRegister } from './commands/register.command.js';
import { handlePhoto } from './commands/contact.command.js';
import { texts, WORDS } from './conversation.texts.js';
import { actorOf, say, type ConvContext, type Turn } from './context.js';
import { InputError } from '../shared/input-error.js';
import { isCancel } from './parse/intent.js';
import type { Router } from './router.js';

export type Middleware = (ctx: ConvContext, next: () => Promise<void>) => Promise<void>;

export function compose(middlewares: Middleware[]): (ctx: ConvContext) => Promise<void> {
  return (ctx) => {
    const run = (i: number): Promise<void> => (i < middlewares.length ? middlewares[i]!(ctx, () => run(i + 1)) : Promise.resolve());
    return run(0);
  };
}

const asTurn = (ctx: ConvContext): Turn => {
  if (!ctx.person || !ctx.actor) throw new Error('sender not resolved');
  return ctx as Turn;
};

/**
 * Refusals and bad input are answered as they are. Anything else is thrown back when the caller
 * handles the message again (it may have been applied: the next attempt finds out and answers
 * truthfully), else logged and apologised for.
 */
export const errorBoundary: Middleware = async (ctx, next) => {
  try {
    await next();
  } catch (err) {
    const refused = describeError(err) ?? (err instanceof InputError ? err.message : undefined);
    if (refused !== undefined) return say(ctx, refused);
    if (ctx.retried) throw err;
    ctx.log.error({ err }, 'conversation failed');
    await say(ctx, texts.sorry).catch((e: unknown) => ctx.log.error({ err: e }, 'apology not sent'));
  }
};

/** Messages beyond what the conversation takes are answered with the limit, never dropped. */
export const checkLimits: Middleware = async (ctx, next) => {
  const m = ctx.message;
  if (m.senderId.length > INBOUND_LIMITS.senderIdChars) {
    ctx.log.warn({ senderIdChars: m.senderId.length }, 'sender id over the limit');
    return say(ctx, texts.badSender(INBOUND_LIMITS.senderIdChars));
  }
  const chars = m.kind === 'text' ? [...m.text].length : 0;
  if (chars > INBOUND_LIMITS.textChars) {
    ctx.log.info({ chars }, 'message over the length limit');
    return say(ctx, texts.tooLong(chars, INBOUND_LIMITS.textChars));
  }
  await next();
};

/**
 * The WeCom channels keep messages in the durable inbox, which hands each one over once (again
 * only after a failed attempt); this catches a transport handing the same message twice to one
 * process (e.g. a web re-post). A message counts as seen once handled, so an attempt that failed
 * does not turn its retry away.
 */
export function dedupe(capacity = 1000): Middleware {
  const seen = new Set<string>();
  const inFlight = new Set<string>();
  return async (ctx, next) => {
    const key = `${ctx.message.channel}:${ctx.message.messageId}`;
    if (seen.has(key) || inFlight.has(key)) return ctx.log.info('duplicate message ignored');
    inFlight.add(key);
    try {
      await next();
    } finally {
      inFlight.delete(key);
    }
    seen.add(key);
    if (seen.size > capacity) seen.delete(seen.values().next().value!);
  };
}

/** In a group the bot speaks only when @-mentioned (card clicks are always for it). */
export const groupFilter: Middleware = async (ctx, next) => {
  if (ctx.message.kind === 'text' && ctx.message.chatType === 'group' && !ctx.message.mentioned) return;
  if (ctx.message.kind === 'enter' && ctx.message.chatType === 'group') return;
  await next();
};

export const resolvePerson: Middleware = async (ctx, next) => {
  const person = await ctx.deps.core.directory.findPerson(ctx.message.senderId);
  if (!person || !person.active) return say(ctx, texts.notRegistered);
  ctx.person = person;
  ctx.actor = actorOf(person);
  ctx.log = ctx.log.child({ userid: person.userid });
  await next();
};

/** The answer to a pending guided step, unless the person cancels or starts another command. */
export function pendingStep(router: Router): Middleware {
  return async (ctx, next) => {
    if (ctx.text === undefined) return next();
    const t = asTurn(ctx);
    const { dialogs } = t.deps;
    const pending = await dialogs.getPending(t.dialogKey);
    if (!pending) return next();
    const text = ctx.text;
    if (isCancel(text)) {
      await dialogs.clearPending(t.dialogKey);
      return say(t, texts.cancelled);
    }
    const yes = (WORDS.yes as readonly string[]).includes(text.toLowerCase());
    if (pending.type === 'outdated') {
      await dialogs.clearPending(t.dialogKey);
      // 确认 answered the lapsed question; another command is what it says.
      return router.startsCommand(text) && !yes ? next() : say(t, texts.stepOutdated);
    }
    if (pending.type === 'confirm') {
      await dialogs.clearPending(t.dialogKey);
      if (!yes) return next();
      return runConfirmed(t, router, pending.action);
    }
    if (pending.type === 'pick') {
      if (!/^\d+$/.test(text)) {
        await dialogs.clearPending(t.dialogKey);
        return next();
      }
      const id = pending.candidates[Number(text) - 1];
      if (!id) return say(t, texts.badPick(pending.candidates.length));
      await dialogs.clearPending(t.dialogKey);
      return router.resume(t, pending.command, await t.deps.core.ledger.get(id, t.actor), pending.confirm ? 'confirm' : 'run');
    }
    if (router.startsCommand(text)) {
      await dialogs.clearPending(t.dialogKey);
      return next();
    }
    if (pending.type === 'register') return continueRegister(t, pending, text);
    await dialogs.clearPending(t.dialogKey);
    return router.answer(t, await t.deps.core.ledger.get(pending.proposalId, t.actor), pending.step, text);
  };
}

export function route(router: Router): Middleware {
  return async (ctx) => {
    const t = asTurn(ctx);
    switch (t.message.kind) {
      case 'text':
        if (!ctx.text) {
          if (t.message.fromVoice) return say(t, texts.voiceNotHeard);
          // Only in a group does an empty text mean "@ with nothing after it".
          return say(t, t.message.chatType === 'group' ? texts.emptyMention : texts.emptyMessage);
        }
        return router.dispatch(t, ctx.text);
      case 'cardAction':
        return handleCardAction(t, router);
      case 'image':
        return handlePhoto(t);
      case 'enter':
        return say(t, texts.welcome(t.person.name));
    }
  };
}
