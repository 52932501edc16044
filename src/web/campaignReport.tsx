import { blockingFindings, type Campaign } from '../domain/campaign.ts';
import { formatLocal } from '../domain/time.ts';
import { hasMessage, type Lang, t } from '../i18n.ts';
import type { Policy } from '../policy/load.ts';
import { dropLines, recheckText } from '../reports/campaign.ts';
import { type Page, userName } from './layout.tsx';

/**
 * The parts of a campaign's report, in the words of the Slack report (reports/campaign.ts, i18n/campaign*.ts),
 * without the rule ids and the check id it shows engineers: people read rule titles and legal bases.
 */

/** What a part of the report needs: the reader's page, the policy's rules and zone. */
export interface Seen {
  page: Page;
  policy: Policy;
  zone: string;
}

export const when = (seen: Seen, iso: string | undefined) =>
  iso ? formatLocal(new Date(iso), seen.zone, seen.page.lang) : t(seen.page.lang, 'web_never');

/** Who acted, as people read them: a Slack user by name, the command line's and a tool's names said so. */
export function byWhom(page: Page, by: string): string {
  const [door, name = ''] = by.split(/:(.*)/s);
  if (door === 'slack') return userName(page, name);
  if (door === 'cli') return t(page.lang, 'web_campaign_by_cli', { name });
  if (door === 'api') return t(page.lang, 'web_campaign_by_api', { name });
  return by;
}

/** The Slack users a campaign names (who checked, asked, approved, reviewed, rechecked), for namesOf. */
export function slackUsersOf(cs: Campaign[]): string[] {
  const all = cs.flatMap((c) => [
    c.checkedBy,
    ...c.history.map((e) => e.by),
    ...(c.reviewed ?? []).map((r) => r.by),
    ...(c.recheck ? [c.recheck.by] : []),
  ]);
  return all.filter((by) => by.startsWith('slack:')).map((by) => by.slice('slack:'.length));
}

export const channelWords = (lang: Lang, channel: string) => {
  const key = `channel_${channel}`;
  return hasMessage(key) ? t(lang, key) : channel;
};

const ruleTitle = (seen: Seen, id: string) =>
  seen.policy.rules.find((r) => r.id === id)?.title[seen.page.lang] ?? id;
const legal = (seen: Seen, id: string) =>
  (seen.policy.rules.find((r) => r.id === id)?.legal ?? []).map((l) => `${l.text} ${l.article}`).join(', ');

/** What was checked, for when, and the counts by verdict; the message's findings and campaign-wide bans. */
export function Summary({ seen, c }: { seen: Seen; c: Campaign }) {
  const { lang } = seen.page;
  const product = c.product ? (seen.policy.doc.products[c.product]?.label[lang] ?? c.product) : '—';
  const period = c.plannedEnd
    ? t(lang, 'campaign_from_to', { start: when(seen, c.plannedStart), end: when(seen, c.plannedEnd) })
    : t(lang, 'campaign_from', { start: when(seen, c.plannedStart) });
  const blocking = blockingFindings(c);
  const toReview = c.findings.filter((f) => !blocking.includes(f));
  return (
    <>
      <p class="status">{t(lang, `campaign_status_${c.status}`)}</p>
      <p>
        {t(lang, 'campaign_what', {
          channel: channelWords(lang, c.channel),
          product,
          audience: c.audience.toUpperCase(),
          when: period,
        })}
      </p>
      <p>
        {t(lang, 'web_campaign_checked', {
          at: when(seen, c.checkedAt),
          who: byWhom(seen.page, c.checkedBy),
          expires: when(seen, c.expiresAt),
        })}
      </p>
      <p class="counts">{t(lang, 'campaign_counts', c.counts)}</p>
      <p>{t(lang, 'campaign_list', c.counts)}</p>
      {c.listOptOuts ? <p>{t(lang, 'campaign_list_optouts', { count: c.listOptOuts })}</p> : ''}
      {c.findings.length === 0 && <p>{t(lang, 'campaign_message_ok')}</p>}
      <Findings seen={seen} title={t(lang, 'campaign_message_findings')} findings={blocking} />
      <Findings seen={seen} title={t(lang, 'campaign_message_review')} findings={toReview} />
      {c.campaignWide.length > 0 && (
        <>
          <h3>{t(lang, 'campaign_wide')}</h3>
          <ul>
            {c.campaignWide.map((id) => (
              <li>{`${ruleTitle(seen, id)} — ${legal(seen, id)}`}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function Findings({ seen, title, findings }: { seen: Seen; title: string; findings: Campaign['findings'] }) {
  if (findings.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul>
        {findings.map((f) => (
          <li>{`${f.message[seen.page.lang]} — ${legal(seen, f.rule)}`}</li>
        ))}
      </ul>
    </>
  );
}

/** The recipients held back, by verdict and reason, with masked examples (never the recipients themselves). */
export function Groups({ seen, c, verdict }: { seen: Seen; c: Campaign; verdict: 'block' | 'review' }) {
  const { lang } = seen.page;
  const groups = c.groups.filter((g) => g.verdict === verdict);
  if (groups.length === 0)
    return <p>{verdict === 'review' ? t(lang, 'web_campaign_review_none') : t(lang, 'web_none')}</p>;
  const reviewed = new Map((c.reviewed ?? []).map((r) => [r.rule, r]));
  return (
    <table>
      <thead>
        <tr>
          <th>{t(lang, 'web_campaigns_col_count')}</th>
          <th>{t(lang, 'web_campaigns_col_rule')}</th>
          <th>{t(lang, 'web_campaigns_col_legal')}</th>
          <th>{t(lang, 'web_campaigns_col_examples')}</th>
          {verdict === 'review' && <th>{t(lang, 'web_campaigns_col_reviewed')}</th>}
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => {
          const done = reviewed.get(g.rule);
          return (
            <tr>
              <td class={`verdict-${g.verdict}`}>{String(g.count)}</td>
              <td>{ruleTitle(seen, g.rule)}</td>
              <td>{legal(seen, g.rule)}</td>
              <td>
                {g.sample
                  .map((s) => `${s.masked} (${t(lang, 'campaign_line_no', { line: s.line })})`)
                  .join(', ')}
              </td>
              {verdict === 'review' && (
                <td>
                  {done
                    ? t(lang, 'web_campaign_reviewed_by', {
                        who: byWhom(seen.page, done.by),
                        at: when(seen, done.at),
                      })
                    : t(lang, 'web_campaign_not_reviewed')}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Every step of the approval, oldest first: who checked, asked, reviewed, approved or rejected, and when. */
export function History({ seen, c }: { seen: Seen; c: Campaign }) {
  const { lang } = seen.page;
  if (c.history.length === 0) return <p>{t(lang, 'web_campaign_history_none')}</p>;
  return (
    <table>
      <tbody>
        {c.history.map((e) => (
          <tr>
            <td>{when(seen, e.at)}</td>
            <td>
              {t(lang, `campaign_event_${e.event}`, {
                who: byWhom(seen.page, e.by),
                dropped: e.dropped ?? 0,
                allowed: e.allowed ?? 0,
              })}
              {e.rule ? ` — ${ruleTitle(seen, e.rule)}` : ''}
              {e.reason ? ` — ${e.reason}` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const PLAIN = { escape: (s: string) => s, bold: (s: string) => s };

/** The latest send-time check: how many are still allowed, who dropped out since approval and why. */
export function RecheckFound({ seen, c }: { seen: Seen; c: Campaign }) {
  const { lang } = seen.page;
  const r = c.recheck;
  if (!r) return <p>{t(lang, 'web_campaign_recheck_never')}</p>;
  const [head, ...rest] = recheckText(r, lang, (iso) => when(seen, iso), PLAIN);
  const drops = new Set(dropLines(r, lang));
  return (
    <div class="recheck">
      <p class="counts">{head}</p>
      {rest.some((line) => drops.has(line)) && (
        <ul class="dropped">
          {rest
            .filter((line) => drops.has(line))
            .map((line) => (
              <li>{line.replace(/^• /, '')}</li>
            ))}
        </ul>
      )}
      {rest
        .filter((line) => !drops.has(line))
        .map((line) => (
          <p>{line}</p>
        ))}
    </div>
  );
}
