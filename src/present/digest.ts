/**
 * Renders one person's daily digest as a single markdown message that fits WeCom's limit:
 * items waiting for the same step are folded into one line ("53 件待交办，最久的已逾期 3 个工作日"),
 * and sections shrink (the rest counted, saying what they are) until it fits, so a busy
 * coordinator still gets one message, never one per proposal.
 */
import { DIGEST_REASONS, type DigestItem } from '../domain/digest.js';
import { scopeOfKinds } from '../domain/kind.js';
import { MARKDOWN_MAX_BYTES, utf8Bytes } from '../shared/split-markdown.js';
import { shortTitle } from './summary-format.js';
import { entryLines, foldAlike, sameStep } from './summary-fold.js';
import { DIGEST_SECTION_NOUNS, DIGEST_SECTION_TITLES, summaryTexts as t } from './summary.texts.js';

/** Extension requests and missing co-handling opinions each say something of their own: never folded. */
const foldKey = (i: DigestItem): string | undefined => (i.reason === 'extension' || i.reason === 'awaitingCoOpinions' ? undefined : sameStep(i));

export function digestLine(item: DigestItem): string {
  const parts = [t.proposalRef(item.number, shortTitle(item.title), item.isKey, item.kind)];
  if (item.reason === 'extension' && item.extension) {
    parts.push(t.extension(item.extension.days, item.extension.reason, item.extension.requestedBy));
  } else if (item.milestone && item.dueAt) {
    parts.push(t.milestoneDue(item.milestone, item.dueAt, item.kind) + (item.overdue ? t.overdueBy(item.overdueWorkdays) : ''));
  }
  if (item.reason === 'awaitingCoOpinions' && item.missingCoOpinions) parts.push(t.missingCoOpinions(item.missingCoOpinions));
  if (item.reason === 'division' || item.reason === 'leader' || item.reason === 'coOpinion') {
    const who = [item.divisionName, item.responsible && t.responsible(item.responsible)].filter(Boolean).join('，');
    if (who) parts.push(who);
  }
  return `> ${parts.join('，')}`;
}

function render(name: string, date: Date, items: DigestItem[], perSection: number): string {
  const lines = [t.digestTitle(date, scopeOfKinds(items.map((i) => i.kind))), t.digestGreeting(name)];
  for (const reason of DIGEST_REASONS) {
    const section = items.filter((i) => i.reason === reason);
    if (section.length === 0) continue;
    lines.push(`**${DIGEST_SECTION_TITLES[reason]}（${section.length}件）**`);
    lines.push(...entryLines(foldAlike(section, foldKey), perSection, digestLine, section.length, DIGEST_SECTION_NOUNS[reason]));
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
