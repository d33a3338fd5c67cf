/** The chat simulator's page and its small JSON API (send a message or press a button; fetch notices). */
import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { TRANSPORT_MAX_CHARS } from '../channels/contract.js';
import type { WebSimChannel } from '../channels/web-sim/web-sim.channel.js';
import type { Person } from '../domain/model.js';
import { readJson } from './body.js';
import { simPage } from './pages/sim.page.js';
import { parseInput, render, viewerOf } from './respond.js';
import { loadNames } from '../domain/names.js';
import { actorOf } from './viewer.js';
import type { WebPart } from './web-deps.js';
import { webTexts as t } from './web.texts.js';

const userid = z.string().regex(/^[\w.@-]{1,64}$/, '人员账号格式不对');
const messageSchema = z.union([
  z.strictObject({ as: userid, text: z.string().trim().min(1, '消息不能为空').max(TRANSPORT_MAX_CHARS, t.simTooLong) }),
  z.strictObject({ as: userid, taskId: z.string().min(1).max(128), key: z.string().min(1).max(128) }),
]);

export function simRoutes(o: WebPart<'directory' | 'ledger'>, sim: WebSimChannel | undefined): Router {
  const router = new Router();

  /** The simulator is a coordinators' tool (and the admin's). */
  const simUser = (ctx: Context) => {
    const viewer = viewerOf(ctx);
    if (!viewer.isCoordinator) ctx.throw(403, t.forbiddenPage);
    return viewer;
  };

  /** Admins may speak as anyone active in the directory; coordinators only as themselves. */
  const speaker = async (ctx: Context, as: string): Promise<Person> => {
    const viewer = simUser(ctx);
    if (!viewer.admin && as !== viewer.actor.userid) ctx.throw(403, t.simOnlySelf);
    const person = await o.core.directory.findPerson(as);
    if (!person?.active) ctx.throw(404, t.simUnknownPerson);
    return person;
  };

  router.get('/sim', async (ctx) => {
    const viewer = simUser(ctx);
    const as = z.string().max(64).optional().catch(undefined).parse(ctx.query.as);
    const names = await loadNames(o.core);
    render(ctx, { title: t.simTitle, active: 'sim', body: simPage(viewer, [...names.people.values()], names, as, Boolean(sim)), scripts: ['sim.js'] });
  });

  router.post('/sim/message', async (ctx) => {
    if (!sim) return ctx.throw(404, t.simMissing);
    const m = parseInput(messageSchema, await readJson(ctx));
    const person = await speaker(ctx, m.as);
    const replies = await sim.send(
      'text' in m ? { userid: person.userid, kind: 'text', text: m.text } : { userid: person.userid, kind: 'cardAction', taskId: m.taskId, key: m.key },
    );
    ctx.body = { replies };
  });

  /**
   * The current version of each proposal the speaker sees, for the cards on screen: a button made
   * for an older version would be refused, so the page disables it and says why.
   */
  router.get('/sim/versions', async (ctx) => {
    const q = parseInput(
      z.object({
        as: userid,
        ids: z
          .string()
          .max(64 * 65)
          .transform((s) => new Set(s.split(',').filter(Boolean).slice(0, 64))),
      }),
      ctx.query,
    );
    const person = await speaker(ctx, q.as);
    const entries = await o.core.ledger.list({}, actorOf(person));
    ctx.body = { versions: Object.fromEntries(entries.filter((e) => q.ids.has(e.id)).map((e) => [e.id, e.version])) };
  });

  router.get('/sim/inbox', async (ctx) => {
    if (!sim) return ctx.throw(404, t.simMissing);
    const person = await speaker(ctx, parseInput(userid, ctx.query.as));
    ctx.body = { messages: sim.take(person.userid) };
  });

  return router;
}
