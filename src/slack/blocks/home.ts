import type { types } from '@slack/bolt';
import { formatLocal } from '../../domain/time.ts';
import { VERDICT_ICON, type Verdict } from '../../domain/verdict.ts';
import { type Lang, t } from '../../i18n.ts';
import type { Policy } from '../../policy/load.ts';
import { ROLES } from '../../policy/schema.ts';
import { purgeSetWords } from '../../reports/retention.ts';
import type { HomeFacts } from '../../services/home.ts';
import { type Block, context, divider, header, section } from './kit.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

/** App Home: what this user may do, their recent questions, and for compliance the numbers that matter. */
export function homeView(facts: HomeFacts, policy: Policy, lang: Lang): types.HomeView {
  // Each role the user holds comes with the commands it opens, so a DPO sees /consent, /prospect, /privacy.
  const roleLines = ROLES.map((role) =>
    t(lang, facts.roles.includes(role) ? 'home_role_yes' : 'home_role_no', {
      role: t(lang, `role_${role}`),
      commands: t(lang, `home_commands_${role}`),
    }),
  );
  const blocks: Block[] = [
    header(t(lang, 'home_title')),
    section(t(lang, 'home_intro')),
    section(`*${t(lang, 'home_may')}*\n${t(lang, 'home_everyone')}\n${roleLines.join('\n')}`),
    divider(),
  ];
  const recent = facts.recent.map((entry) => {
    const when = formatLocal(new Date(entry.askedAt), policy.timeZone, lang);
    const who = escapeMrkdwn(entry.targetMasked ?? entry.targetHash.slice(0, 8));
    return `${VERDICT_ICON[entry.verdict as Verdict] ?? '•'} ${t(lang, `channel_${entry.channel}`)} → ${who} · ${when}`;
  });
  blocks.push(section(`*${t(lang, 'home_recent')}*\n${recent.join('\n') || t(lang, 'home_recent_none')}`));
  if (facts.counts) {
    blocks.push(
      divider(),
      section(
        `*${t(lang, 'home_counts')}*\n${t(lang, 'home_counts_text', {
          contacts: facts.counts.contacts,
          objections: facts.counts.objections,
          due: facts.counts.due,
          purge: purgeSetWords(facts.counts.toPurge, lang),
        })}`,
      ),
    );
  }
  if (facts.audit && facts.audit.length > 0) {
    const lines = facts.audit.map((e) => {
      const when = formatLocal(new Date(e.at), policy.timeZone, lang);
      const mark = e.outcome === 'refused' ? '⛔' : '•';
      return `${mark} ${escapeMrkdwn(e.action)} · ${escapeMrkdwn(e.actor)} · ${when}`;
    });
    blocks.push(section(`*${t(lang, 'home_audit')}*\n${lines.join('\n')}\n_${t(lang, 'home_audit_more')}_`));
  }
  blocks.push(
    context(
      t(lang, 'home_policy', {
        file: escapeMrkdwn(policy.file.split('/').pop() ?? ''),
        revision: policy.revision,
      }),
    ),
  );
  return { type: 'home', blocks };
}
