/**
 * Start-up data: the directory file is the source of truth for divisions and people, so it is
 * synced on every start (idempotent); an empty ledger in demo mode gets the sample proposal list,
 * so a fresh `npm start` has something to show.
 */
import { existsSync } from 'node:fs';
import { loadDirectoryFile, resolveDirectoryFile } from '../config/directory.config.js';
import type { CoreServices } from '../domain/services.js';
import { toLocalDate, startOfLocalDay } from '../domain/shanghai-time.js';
import { applyDirectory } from '../ledger-io/directory-load.js';
import { importProposalTable } from '../ledger-io/ledger-import.js';
import { readTableFile } from '../ledger-io/table-readers.js';
import type { Logger } from '../shared/logger.js';

export const SAMPLE_LIST = 'samples/proposals-2026.csv';

/** Who the demo import is recorded as in the ledger. */
const SYSTEM_ACTOR = { userid: 'system', name: '系统初始化', roles: ['coordinator' as const] };

export async function syncDirectory(core: CoreServices, log: Logger): Promise<void> {
  const file = resolveDirectoryFile();
  if (!file) {
    log.warn('没有找到通讯录文件 config/directory.yaml（或示例 config/directory.example.yaml），通讯录未更新');
    return;
  }
  const { sync: report, links } = await applyDirectory(core, await loadDirectoryFile(file), 'system');
  log.info({ file, people: summary(report.people), divisions: summary(report.divisions), linked: links.linked.length }, `通讯录已按 ${file} 同步`);
  // Namesakes the 界别 cannot tell apart wait for a coordinator's 更正台账.
  if (links.ambiguous.length) log.warn({ ambiguous: links.ambiguous }, `有 ${links.ambiguous.length} 位提案人在通讯录中有同名委员，未自动关联`);
}

const summary = (c: { added: string[]; updated: string[]; deactivated: string[] }) => ({
  added: c.added.length,
  updated: c.updated.length,
  deactivated: c.deactivated.length,
});

/** Imports the sample list into an empty ledger; a ledger with anything in it is left alone. */
export async function seedDemoLedger(core: CoreServices, log: Logger): Promise<void> {
  if ((await core.view.current()).size > 0 || !existsSync(SAMPLE_LIST)) return;
  const report = await importProposalTable(
    await readTableFile(SAMPLE_LIST),
    { proposals: core.proposals, registrar: core.ledger },
    {
      receivedAt: startOfLocalDay(toLocalDate(core.clock.now())),
      members: await core.directory.listPeople({ role: 'member', activeOnly: true }),
      dryRun: false,
      actor: SYSTEM_ACTOR,
      channel: 'system',
    },
  );
  log.info({ created: report.created.length }, `演示模式：已导入示例提案清单 ${SAMPLE_LIST}（${report.created.length} 件）`);
}
