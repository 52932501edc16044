import { formatLocal, shortDate } from '../domain/time.ts';
import { type Lang, t } from '../i18n.ts';
import type { Policy } from '../policy/load.ts';
import { purgeSetText, purgeSetWords } from '../reports/retention.ts';
import { type Deadline, type DeadlineKind, RULE } from '../retention/deadlines.ts';
import { personLabel } from '../retention/purge.ts';
import type { ComingDeadline, DeadlinesView } from '../services/deadlinesView.ts';
import type { PurgeOutcome } from '../services/retention.ts';
import { Chart, type ChartSpec } from './chart.tsx';
import { Csrf, Layout, type Page, userName } from './layout.tsx';

const KINDS: readonly DeadlineKind[] = ['prospect', 'customer', 'phone-consent', 'consent-proof'];
const WEEK_MS = 7 * 86_400_000;
/** How many lines of a purge list the confirmation page names; the rest are counted (and deleted too). */
export const PURGE_SHOWN = 500;

/** The policy's title of the rule behind a deadline, in the reader's language, with its legal basis. */
function ruleWords(policy: Policy, kind: DeadlineKind, lang: Lang): string {
  const rule = policy.doc.rules.find((r) => r.id === RULE[kind]);
  if (!rule) return RULE[kind];
  return `${rule.title[lang]} (${rule.legal.map((l) => `${l.text} ${l.article}`).join(', ')})`;
}

/** The chart's numbers: one bar per week, stacked by kind of deadline. */
function weeksSpec(view: DeadlinesView, zone: string, lang: Lang): ChartSpec {
  const labels = view.weeks.map((_, i) =>
    t(lang, 'web_week_of', { date: shortDate(new Date(view.now.getTime() + i * WEEK_MS), zone, lang) }),
  );
  return {
    type: 'bar',
    stacked: true,
    labels,
    datasets: KINDS.map((kind) => ({
      label: t(lang, `retention_kind_${kind}`),
      data: view.weeks.map((week) => week[kind]),
    })),
  };
}

/** What falls due week by week (a chart, its table beside it), what a purge deletes now, and the coming lines. */
export function DeadlinesPage({ page, policy, view }: { page: Page; policy: Policy; view: DeadlinesView }) {
  const { lang } = page;
  const zone = policy.timeZone;
  const set = purgeSetWords(view.counts.toPurge, lang);
  const overdue = view.counts.toPurge.contacts + view.counts.toPurge.proofs;
  return (
    <Layout page={page} title={t(lang, 'web_nav_deadlines')} charts>
      <p class={overdue ? 'problem' : 'notice'}>
        {overdue ? t(lang, 'web_to_purge_now', { set }) : t(lang, 'web_nothing_to_purge')}{' '}
        {overdue > 0 && view.mayPurge && <a href="/deadlines/purge">{t(lang, 'web_purge_open')}</a>}
      </p>
      <h2>{t(lang, 'web_chart_weeks')}</h2>
      <Chart id="weeks" spec={weeksSpec(view, zone, lang)} lang={lang} />
      <p>{t(lang, 'web_due_total', { total: view.dueTotal })}</p>
      {view.dueTotal > view.due.length && <p>{t(lang, 'web_due_shown', { shown: view.due.length })}</p>}
      {view.due.length > 0 && <ComingTable page={page} policy={policy} due={view.due} />}
    </Layout>
  );
}

function ComingTable({ page, policy, due }: { page: Page; policy: Policy; due: ComingDeadline[] }) {
  const { lang } = page;
  return (
    <table>
      <thead>
        <tr>
          <th>{t(lang, 'web_col_name')}</th>
          <th>{t(lang, 'web_col_kind')}</th>
          <th>{t(lang, 'web_col_at')}</th>
          <th>{t(lang, 'web_col_owner')}</th>
          <th>{t(lang, 'web_col_act')}</th>
        </tr>
      </thead>
      <tbody>
        {due.map((d) => (
          <tr>
            <td>
              <a href={`/contacts/${encodeURIComponent(d.contact.id)}`}>{personLabel(d.contact, true)}</a>
            </td>
            <td title={ruleWords(policy, d.kind, lang)}>{t(lang, `retention_kind_${d.kind}`)}</td>
            <td>{formatLocal(d.at, policy.timeZone, lang)}</td>
            <td>{userName(page, d.contact.owner)}</td>
            <td>
              {(d.kind === 'prospect' || d.kind === 'customer') && (
                <form class="inline" method="post" action="/deadlines/repermission">
                  <Csrf token={page.csrf} />
                  <input type="hidden" name="contact" value={d.contact.id} />
                  <input type="hidden" name="kind" value={d.kind} />
                  <button type="submit">{t(lang, 'retention_button_repermission')}</button>
                </form>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * What a purge would delete now, who and why, and the confirmation: the list's instant and fingerprint travel
 * in the form, so a purge deletes the list that was read, or says it changed.
 */
export function PurgePreview(props: {
  page: Page;
  policy: Policy;
  lines: Deadline[];
  at: Date;
  fingerprint: string;
  changed?: boolean;
}) {
  const { page, policy, lines } = props;
  const { lang } = page;
  const set = purgeSetText(lines, lang);
  return (
    <Layout page={page} title={t(lang, 'web_purge_title')}>
      {props.changed && <p class="problem">{t(lang, 'retention_list_changed')}</p>}
      {lines.length === 0 ? (
        <p class="notice">{t(lang, 'retention_nothing_left')}</p>
      ) : (
        <>
          <p>{t(lang, 'web_purge_intro', { set })}</p>
          <PurgeLines page={page} policy={policy} lines={lines.slice(0, PURGE_SHOWN)} />
          {lines.length > PURGE_SHOWN && (
            <p>{t(lang, 'web_purge_more', { count: lines.length - PURGE_SHOWN })}</p>
          )}
          <form method="post" action="/deadlines/purge">
            <Csrf token={page.csrf} />
            <input type="hidden" name="at" value={props.at.toISOString()} />
            <input type="hidden" name="fingerprint" value={props.fingerprint} />
            <label>
              <input type="checkbox" name="understood" value="yes" required />{' '}
              {t(lang, 'web_purge_understood')}
            </label>
            <button type="submit" class="danger">
              {t(lang, 'web_purge_confirm', { set })}
            </button>{' '}
            <a href="/deadlines">{t(lang, 'web_cancel')}</a>
          </form>
        </>
      )}
    </Layout>
  );
}

function PurgeLines({ page, policy, lines }: { page: Page; policy: Policy; lines: Deadline[] }) {
  const { lang } = page;
  return (
    <table>
      <thead>
        <tr>
          <th>{t(lang, 'web_col_name')}</th>
          <th>{t(lang, 'web_col_kind')}</th>
          <th>{t(lang, 'web_col_rule')}</th>
          <th>{t(lang, 'web_col_owner')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((d) => (
          <tr>
            <td>{personLabel(d.contact, true)}</td>
            <td>
              {t(lang, `retention_kind_${d.kind}`)},{' '}
              {t(lang, 'web_overdue_since', { date: formatLocal(d.at, policy.timeZone, lang) })}
            </td>
            <td>{ruleWords(policy, d.kind, lang)}</td>
            <td>{userName(page, d.contact.owner)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What a confirmed purge did, in the words every shell uses, and who stayed because their clock moved. */
export function PurgeDone({ page, outcome }: { page: Page; outcome: PurgeOutcome }) {
  const { lang } = page;
  const done = t(lang, 'retention_purged_set', {
    set: purgeSetText(outcome.list, lang),
    consents: 0,
    interactions: 0,
    decisions: 0,
    ...outcome.removed,
  });
  return (
    <Layout page={page} title={t(lang, 'web_purge_done_title')}>
      <p class="notice">{done}</p>
      {outcome.stayed.map((d) => (
        <p>{t(lang, 'retention_stayed', { who: personLabel(d.contact, true) })}</p>
      ))}
      <p>
        <a href="/deadlines">{t(lang, 'web_back_deadlines')}</a>
      </p>
    </Layout>
  );
}
