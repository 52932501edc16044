import { formatLocal, startOfDay } from '../domain/time.ts';
import { t } from '../i18n.ts';
import type { CompiledRule } from '../policy/load.ts';
import { policyDiffLines } from '../reports/policyDiff.ts';
import type { PolicyInForce, RuleInForce, UploadOutcome } from '../services/policyUpload.ts';
import { POLICY_UPLOAD_BYTES } from '../services/policyUpload.ts';
import { Csrf, Layout, type Page } from './layout.tsx';

/** The policy in force (its rules, their legal basis and dates), and what another file would change. */

const KB = POLICY_UPLOAD_BYTES / 1024;

export function PolicyView({ page, view }: { page: Page; view: PolicyInForce }) {
  const { lang } = page;
  return (
    <Layout page={page} title={t(lang, 'web_nav_policy')}>
      <p>
        {t(lang, 'web_policy_head', {
          name: view.name,
          revision: view.revision,
          rules: view.rules.length,
          zone: view.zone,
        })}
      </p>
      <UploadForm page={page} />
      <table class="rules">
        <thead>
          <tr>
            <th>{t(lang, 'web_col_rule')}</th>
            <th>{t(lang, 'web_col_legal')}</th>
            <th>{t(lang, 'web_col_applies')}</th>
            <th>{t(lang, 'web_col_valid')}</th>
          </tr>
        </thead>
        <tbody>
          {view.rules.map((entry) => (
            <RuleRow page={page} zone={view.zone} entry={entry} />
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

function RuleRow({ page, zone, entry }: { page: Page; zone: string; entry: RuleInForce }) {
  const { lang } = page;
  const { rule } = entry;
  return (
    <tr class={`rule-${entry.state}`}>
      <td>
        <strong>{rule.title[lang]}</strong> <small>{rule.id}</small>
        <div>{rule.explanation[lang]}</div>
      </td>
      <td>
        {rule.legal.map((legal) => (
          <div>
            {legal.url ? (
              <a href={legal.url} rel="noreferrer">{`${legal.text} ${legal.article}`}</a>
            ) : (
              `${legal.text} ${legal.article}`
            )}
          </div>
        ))}
        {rule.unverified && <em>{t(lang, 'web_rule_unverified')}</em>}
      </td>
      <td>
        {rule.channels.join(', ')}
        <div>{rule.audiences.join(', ')}</div>
      </td>
      <td>
        {validity(page, zone, rule)}
        <div>{t(lang, `web_rule_state_${entry.state}`)}</div>
      </td>
    </tr>
  );
}

/** A rule's dates as people read them: the last day it applies is said, not the instant it stops. */
function validity(page: Page, zone: string, rule: CompiledRule): string {
  const day = (iso: string) => formatLocal(startOfDay(iso, zone), zone, page.lang);
  if (rule.from && rule.until)
    return t(page.lang, 'web_rule_between', { from: day(rule.from), until: day(rule.until) });
  if (rule.from) return t(page.lang, 'web_rule_from', { from: day(rule.from) });
  if (rule.until) return t(page.lang, 'web_rule_until', { until: day(rule.until) });
  return t(page.lang, 'web_rule_always');
}

function UploadForm({ page }: { page: Page }) {
  const { lang } = page;
  return (
    <form method="post" action="/policy/diff" enctype="multipart/form-data">
      <h2>{t(lang, 'web_policy_upload')}</h2>
      <p>{t(lang, 'web_policy_upload_note')}</p>
      <Csrf token={page.csrf} />
      <label for="file">{t(lang, 'web_policy_upload_file', { size: KB })}</label>
      <input type="file" id="file" name="file" accept=".yaml,.yml,text/yaml" required />{' '}
      <button type="submit">{t(lang, 'web_policy_compare')}</button>
    </form>
  );
}

/** The comparison, in the words of `policy diff` (reports/policyDiff.ts); or why the file cannot be compared. */
export function PolicyDiffView({
  page,
  zone,
  outcome,
}: {
  page: Page;
  zone: string;
  outcome: UploadOutcome;
}) {
  const { lang } = page;
  if (outcome.status === 'invalid')
    return (
      <Layout page={page} title={t(lang, 'web_nav_policy')}>
        <p class="problem">
          {t(lang, 'web_policy_invalid', { file: outcome.file, count: outcome.issues.length })}
        </p>
        <ul class="issues">
          {outcome.issues.map((issue) => (
            <li>
              {t(lang, 'web_policy_issue', { line: issue.line, col: issue.col, message: issue.message })}
            </li>
          ))}
        </ul>
        <UploadForm page={page} />
      </Layout>
    );
  return (
    <Layout page={page} title={t(lang, 'web_policy_diff_title', { file: outcome.file })}>
      <p class="notice">{t(lang, 'web_policy_not_reloaded', { revision: outcome.running })}</p>
      <pre class="diff">{policyDiffLines(outcome.report, lang, zone).join('\n')}</pre>
      <UploadForm page={page} />
    </Layout>
  );
}
