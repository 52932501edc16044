import { shortDate } from '../domain/time.ts';
import { VERDICTS } from '../domain/verdict.ts';
import { type Lang, t } from '../i18n.ts';
import type { Policy } from '../policy/load.ts';
import { OVERVIEW_WEEKS, type OverviewView, type Team, type Weekly } from '../services/overview.ts';
import { Chart, type ChartSpec } from './chart.tsx';
import { Layout, type Page, userName } from './layout.tsx';

/** How many of the top rules the weekly chart draws (the table below names more). */
const CHARTED_RULES = 5;

/** A rule as the policy titles it in the reader's language; its id if the policy no longer has it. */
function ruleTitle(policy: Policy, id: string, lang: Lang): string {
  return policy.doc.rules.find((r) => r.id === id)?.title[lang] ?? id;
}

export function teamName(team: Team, lang: Lang): string {
  if (team.startsWith('api:')) return t(lang, 'web_overview_team_api', { name: team.slice(4) });
  return t(lang, `web_overview_team_${team as Exclude<Team, `api:${string}`>}`);
}

/** Who asked, as people read them: a Slack user's name, an API key's or an operator's own. */
function askerName(page: Page, askedBy: string): string {
  const [door, ...rest] = askedBy.split(':');
  const name = rest.join(':');
  if (door === 'slack' && name !== 'workflow') return userName(page, name);
  return name || askedBy;
}

/** A stacked bar per local week. */
function weekly(view: OverviewView, zone: string, lang: Lang, sets: Array<[string, Weekly]>): ChartSpec {
  return {
    type: 'bar',
    stacked: true,
    labels: view.weeks.map((week) => t(lang, 'web_week_of', { date: shortDate(week, zone, lang) })),
    datasets: sets.map(([label, data]) => ({ label, data })),
  };
}

/**
 * The overview of the last weeks: each chart with its numbers beside it (chart.tsx), from counts only (no person
 * and no row of the decision log reaches the page); dates local, rules and channels in the reader's language.
 */
export function OverviewPage({ page, policy, view }: { page: Page; policy: Policy; view: OverviewView }) {
  const { lang } = page;
  const zone = policy.timeZone;
  const chart = (sets: Array<[string, Weekly]>) => weekly(view, zone, lang, sets);
  const from = shortDate(view.weeks[0] as Date, zone, lang);
  const asked = view.teams.length > 0;
  return (
    <Layout page={page} title={t(lang, 'web_nav_overview')} charts>
      <p>{t(lang, 'web_overview_intro', { weeks: OVERVIEW_WEEKS, from, zone })}</p>
      {!asked && <p class="notice">{t(lang, 'web_overview_no_questions')}</p>}
      <h2>{t(lang, 'web_overview_verdicts')}</h2>
      <Chart
        id="verdicts"
        lang={lang}
        spec={chart(VERDICTS.map((v) => [t(lang, `verdict_${v}`), view.verdicts[v]]))}
      />
      <h2>{t(lang, 'web_overview_channels')}</h2>
      <Chart
        id="channels"
        lang={lang}
        spec={chart(view.channels.map((c) => [t(lang, `channel_${c.channel}`), c.weeks]))}
      />
      <ChannelTable page={page} view={view} />
      <h2>{t(lang, 'web_overview_rules')}</h2>
      <RulesPart page={page} policy={policy} view={view} chart={chart} />
      <h2>{t(lang, 'web_overview_objections')}</h2>
      <Chart
        id="objections"
        lang={lang}
        spec={chart([[t(lang, 'web_overview_objections_set'), view.objections]])}
      />
      <h2>{t(lang, 'web_overview_teams')}</h2>
      <Chart
        id="teams"
        lang={lang}
        spec={chart(view.teams.map((team) => [teamName(team.team, lang), team.weeks]))}
      />
      {asked && <AskersTable page={page} view={view} />}
      <p class="notice">{t(lang, 'web_overview_note')}</p>
    </Layout>
  );
}

function ChannelTable({ page, view }: { page: Page; view: OverviewView }) {
  const { lang } = page;
  if (view.channels.length === 0) return null;
  return (
    <table class="channel-verdicts">
      <thead>
        <tr>
          <th>{t(lang, 'web_col_channel')}</th>
          {VERDICTS.map((v) => (
            <th class="number">{t(lang, `verdict_${v}`)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {view.channels.map((c) => (
          <tr>
            <th>{t(lang, `channel_${c.channel}`)}</th>
            {VERDICTS.map((v) => (
              <td class="number">{String(c.verdicts[v])}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RulesPart(props: {
  page: Page;
  policy: Policy;
  view: OverviewView;
  chart: (sets: Array<[string, Weekly]>) => ChartSpec;
}) {
  const { page, policy, view } = props;
  const { lang } = page;
  if (view.rules.length === 0) return <p>{t(lang, 'web_overview_no_rules')}</p>;
  const charted = view.rules.slice(0, CHARTED_RULES);
  return (
    <>
      <p>{t(lang, 'web_overview_rules_chart', { count: charted.length })}</p>
      <Chart
        id="rules"
        lang={lang}
        spec={props.chart(charted.map((r) => [ruleTitle(policy, r.rule, lang), r.weeks]))}
      />
      <table class="rule-verdicts">
        <thead>
          <tr>
            <th>{t(lang, 'web_col_rule')}</th>
            {(['block', 'review', 'allow'] as const).map((v) => (
              <th class="number">{t(lang, `verdict_${v}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.rules.map((r) => (
            <tr>
              <th>{ruleTitle(policy, r.rule, lang)}</th>
              {(['block', 'review', 'allow'] as const).map((v) => (
                <td class="number">{String(r.verdicts[v])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function AskersTable({ page, view }: { page: Page; view: OverviewView }) {
  const { lang } = page;
  return (
    <>
      <h3>{t(lang, 'web_overview_askers')}</h3>
      <table class="askers">
        <thead>
          <tr>
            <th>{t(lang, 'web_col_asker')}</th>
            <th>{t(lang, 'web_col_team')}</th>
            <th class="number">{t(lang, 'web_col_questions')}</th>
          </tr>
        </thead>
        <tbody>
          {view.askers.map((a) => (
            <tr>
              <td>{askerName(page, a.askedBy)}</td>
              <td>{teamName(a.team, lang)}</td>
              <td class="number">{String(a.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
