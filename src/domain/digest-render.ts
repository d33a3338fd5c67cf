/**
 * Renders one person's daily digest as a single markdown message that fits WeCom's limit:
 * sections shrink (the rest counted as "另有 N 件") until it fits, so a busy coordinator
 * still gets one message, never one per proposal.
 */
import { DIGEST_REASONS, type DigestItem } from './digest.js';
import { MARKDOWN_MAX_BYTES, shortTitle, utf8Bytes } from './summary-format.js';
import { DIGEST_SECTION_TITLES, summaryTexts as t } from './summary.texts.js';

export function digestLine(item: DigestItem): string {
  const parts = [t.proposalRef(item.number, shortTitle(item.title), item.isKey)];
  if (item.reason === 'extension' && item.extension) {
    parts.push(t.extension(item.extension.days, item.extension.reason, item.extension.requestedBy));
  } else if (item.milestone && item.dueAt) {
    parts.push(t.milestoneDue(item.milestone, item.dueAt) + (item.overdue ? t.overdueBy(item.overdueWorkdays) : ''));
  }
  if (item.reason === 'awaitingCoOpinions' && item.missingCoOpinions) parts.push(t.missingCoOpinions(item.missingCoOpinions));
  if (item.reason === 'division' || item.reason === 'leader' || item.reason === 'coOpinion') {
    const who = [item.divisionName, item.responsible && t.responsible(item.responsible)].filter(Boolean).join('，');
    if (who) parts.push(who);
  }
  return `> ${parts.join('，')}`;
}

function render(name: string, date: Date, items: DigestItem[], perSection: number): string {
  const lines = [t.digestTitle(date), t.digestGreeting(name)];
  for (const reason of DIGEST_REASONS) {
    const section = items.filter((i) => i.reason === reason);
    if (section.length === 0) continue;
    lines.push(`**${DIGEST_SECTION_TITLES[reason]}（${section.length}件）**`);
    for (const item of section.slice(0, perSection)) lines.push(digestLine(item));
    if (section.length > perSection) lines.push(t.more(section.length - perSection));
  }
  lines.push(t.digestFooter);
  return lines.join('\n');
}

/** The whole digest of one person for the day of `date`, at most `maxBytes`. */
export function renderDigest(name: string, date: Date, items: DigestItem[], maxPerSection: number, maxBytes = MARKDOWN_MAX_BYTES): string {
  for (let n = maxPerSection; n > 1; n = Math.floor(n / 2)) {
    const text = render(name, date, items, n);
    if (utf8Bytes(text) <= maxBytes) return text;
  }
  return render(name, date, items, 1);
}
