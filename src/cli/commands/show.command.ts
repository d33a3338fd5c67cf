/** `show <提案号> [--session] [--kind]`: one proposal's ledger row and its timeline. */
import { loadNames } from '../../domain/names.js';
import { buildLedgerRows } from '../../ledger-io/ledger-rows.js';
import { formatTimeline } from '../../ledger-io/timeline.js';
import { texts } from '../cli.texts.js';
import { UsageError, kindOption, type CliCommand } from '../command.js';
import { CASE_KINDS } from '../../domain/kind.js';
import { wording } from '../../present/kind.texts.js';

export const showCommand: CliCommand = {
  name: 'show',
  options: { session: { type: 'string' }, kind: { type: 'string' } },
  async run({ positionals, values }, { io, withCore }) {
    const [number, extra] = positionals;
    if (number === undefined) throw new UsageError('show', texts.missingArgument(texts.numberArgument));
    if (extra !== undefined) throw new UsageError('show', texts.extraArgument(extra));
    const session = values.session as string | undefined;
    const kind = kindOption('show', values.kind as string | undefined);

    return withCore(async (core) => {
      const found = await core.proposals.findByNumber(number, session, kind);
      if (found.length === 0) {
        io.err(texts.notFound(number, session));
        return 1;
      }
      if (found.length > 1) {
        io.err(
          texts.ambiguous(
            number,
            // 提案 before 建议 within a session, whatever order the database returns them in.
            found.sort((a, b) => CASE_KINDS.indexOf(a.kind) - CASE_KINDS.indexOf(b.kind)).map((p) => `${p.session} ${wording(p).full}`),
          ),
        );
        return 1;
      }
      const p = found[0]!;
      const names = await loadNames(core);
      const sheet = buildLedgerRows([p], {
        bureau: '',
        names,
        asOf: { now: core.clock.now(), deadlines: core.ledgerConfig.deadlines, calendar: core.calendar },
      });
      const skip = new Set(['届次', '提案号', '案由']);
      const fields = sheet.headers
        .map((h, i) => [h, sheet.rows[0]![i]!] as const)
        .filter(([h, v]) => v !== '' && !skip.has(h))
        .map(([h, v]) => `  ${h}：${v}`);
      io.out(
        [
          texts.proposalTitle(wording(p).case, p.number, p.session, p.title),
          ...fields,
          texts.timelineTitle,
          ...formatTimeline(p.events, (code) => names.division(code)).map((l) => `  ${l}`),
        ].join('\n'),
      );
      return 0;
    });
  },
};
