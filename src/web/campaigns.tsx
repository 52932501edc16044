import { isApproved } from '../campaign/recheck.ts';
import type { Campaign } from '../domain/campaign.ts';
import { t } from '../i18n.ts';
import type { CampaignFileKind, CampaignPage } from '../services/campaignViews.ts';
import {
  byWhom,
  channelWords,
  Groups,
  History,
  RecheckFound,
  type Seen,
  Summary,
  when,
} from './campaignReport.tsx';
import { Csrf, Layout } from './layout.tsx';

const campaignUrl = (c: Campaign) => `/campaigns/${encodeURIComponent(c.id)}`;

/** The checked campaigns the reader may see, newest first, 50 a page (page numbers only in the URL). */
export function CampaignList({ seen, result, at }: { seen: Seen; result: CampaignPage; at: number }) {
  const { lang } = seen.page;
  return (
    <Layout page={seen.page} title={t(lang, 'web_nav_campaigns')}>
      {result.campaigns.length === 0 ? (
        <p>{t(lang, 'web_campaigns_none')}</p>
      ) : (
        <table class="campaigns">
          <thead>
            <tr>
              <th>{t(lang, 'web_campaigns_col_status')}</th>
              <th>{t(lang, 'web_campaigns_col_name')}</th>
              <th>{t(lang, 'web_campaigns_col_channel')}</th>
              <th>{t(lang, 'web_campaigns_col_by')}</th>
              <th>{t(lang, 'web_campaigns_col_at')}</th>
              <th class="number">{t(lang, 'web_campaigns_col_allow')}</th>
              <th class="number">{t(lang, 'web_campaigns_col_block')}</th>
              <th class="number">{t(lang, 'web_campaigns_col_review')}</th>
            </tr>
          </thead>
          <tbody>
            {result.campaigns.map((c) => (
              <tr>
                <td>{t(lang, `campaign_status_${c.status}`)}</td>
                <td>
                  <a href={campaignUrl(c)}>{c.name}</a>
                </td>
                <td>{channelWords(lang, c.channel)}</td>
                <td>{byWhom(seen.page, c.checkedBy)}</td>
                <td>{when(seen, c.checkedAt)}</td>
                <td class="number verdict-allow">{String(c.counts.allow)}</td>
                <td class="number verdict-block">{String(c.counts.block)}</td>
                <td class="number verdict-review">{String(c.counts.review)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav class="pages">
        {at > 0 && <a href={`/campaigns?page=${at - 1}`}>{t(lang, 'web_campaigns_previous')}</a>}
        {(at > 0 || result.more) && <span>{t(lang, 'web_campaigns_page', { page: at + 1 })}</span>}
        {result.more && <a href={`/campaigns?page=${at + 1}`}>{t(lang, 'web_more')}</a>}
      </nav>
    </Layout>
  );
}

/**
 * One campaign: its report (counts by verdict and by reason), the groups in review, the approval history, the
 * check before sending (a form that runs it again) and the lists to download.
 */
export function CampaignView({
  seen,
  c,
  files,
  rechecked,
}: {
  seen: Seen;
  c: Campaign;
  files: CampaignFileKind[];
  rechecked?: boolean;
}) {
  const { lang } = seen.page;
  return (
    <Layout page={seen.page} title={t(lang, 'campaign_head', { name: c.name })}>
      {rechecked && <p class="notice">{t(lang, 'web_campaign_rechecked')}</p>}
      <h2>{t(lang, 'web_campaign_report')}</h2>
      <Summary seen={seen} c={c} />
      <h3>{t(lang, 'web_campaign_blocked')}</h3>
      <Groups seen={seen} c={c} verdict="block" />
      <h2>{t(lang, 'web_campaign_review')}</h2>
      <Groups seen={seen} c={c} verdict="review" />
      <h2>{t(lang, 'campaign_history')}</h2>
      <History seen={seen} c={c} />
      <h2>{t(lang, 'web_campaign_recheck')}</h2>
      <RecheckFound seen={seen} c={c} />
      {isApproved(c) ? (
        <form method="post" action={`${campaignUrl(c)}/recheck`} class="recheck-form">
          <p>{t(lang, 'web_campaign_recheck_explain')}</p>
          <Csrf token={seen.page.csrf} />
          <button type="submit">{t(lang, 'web_campaign_recheck_button')}</button>
        </form>
      ) : (
        <p>{t(lang, 'web_campaign_recheck_not_approved')}</p>
      )}
      <h2>{t(lang, 'web_campaign_files')}</h2>
      {isApproved(c) && (
        <form method="post" action={`${campaignUrl(c)}/files/rechecked`} class="download-form">
          <p>{t(lang, 'web_campaign_rechecked_file_explain')}</p>
          <Csrf token={seen.page.csrf} />
          <button type="submit">{t(lang, 'web_campaign_rechecked_file')}</button>
        </form>
      )}
      {files.length === 0 ? (
        <p>{t(lang, 'web_campaign_files_none')}</p>
      ) : (
        <ul class="files">
          {files.map((kind) => (
            <li>
              <a href={`${campaignUrl(c)}/files/${kind}`} download>
                {t(lang, `web_campaign_file_${kind}`)}
              </a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
