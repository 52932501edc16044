/**
 * Every string the Slack app shows, in French and English. `{name}` placeholders are filled by `t`; values are
 * escaped by the caller when they go into mrkdwn.
 */
import { accessReport } from './i18n/accessReport.ts';
import { answers } from './i18n/answers.ts';
import { api } from './i18n/api.ts';
import { bulkFacts } from './i18n/bulkFacts.ts';
import { campaign } from './i18n/campaign.ts';
import { campaignRecheck } from './i18n/campaignRecheck.ts';
import { campaignReview } from './i18n/campaignReview.ts';
import { cli } from './i18n/cli.ts';
import { emulator } from './i18n/emulator.ts';
import { fieldNames } from './i18n/fieldNames.ts';
import { forms } from './i18n/forms.ts';
import { importPlan } from './i18n/importPlan.ts';
import { importProblems } from './i18n/importProblems.ts';
import type { Lang } from './i18n/lang.ts';
import { optOutCost } from './i18n/optOutCost.ts';
import { plurals } from './i18n/plural.ts';
import { policy } from './i18n/policy.ts';
import { problems } from './i18n/problems.ts';
import { registerExport } from './i18n/registerExport.ts';
import { retention } from './i18n/retention.ts';
import { sheets } from './i18n/sheets.ts';
import { web } from './i18n/web.ts';
import { webAudit } from './i18n/webAudit.ts';
import { webCampaigns } from './i18n/webCampaigns.ts';
import { webDeadlines } from './i18n/webDeadlines.ts';
import { webOverview } from './i18n/webOverview.ts';
import { webRegister } from './i18n/webRegister.ts';
import { webRequests } from './i18n/webRequests.ts';
import { webSignIn } from './i18n/webSignIn.ts';

export type { Lang };

/** Every message, by key: the i18n test walks it whole. */
export const catalogue = {
  ...answers,
  ...forms,
  ...campaign,
  ...campaignReview,
  ...optOutCost,
  ...campaignRecheck,
  ...retention,
  ...problems,
  ...fieldNames,
  ...cli,
  ...policy,
  ...api,
  ...emulator,
  ...importPlan,
  ...importProblems,
  ...accessReport,
  ...registerExport,
  ...sheets,
  ...bulkFacts,
  ...web,
  ...webDeadlines,
  ...webRequests,
  ...webCampaigns,
  ...webAudit,
  ...webSignIn,
  ...webOverview,
  ...webRegister,
};

export type MessageKey = keyof typeof catalogue;

/** A message in a language, its `{name}` placeholders filled and its plural forms chosen (i18n/plural.ts). */
export function t(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return plurals(catalogue[key][lang], lang, vars).replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

export function hasMessage(key: string): key is MessageKey {
  return key in catalogue;
}

/** Slack locales look like fr-FR, en-GB; anything else falls back to the policy's default language. */
export function langOfLocale(locale: string | undefined, fallback: Lang): Lang {
  const prefix = locale?.slice(0, 2).toLowerCase();
  return prefix === 'fr' || prefix === 'en' ? prefix : fallback;
}
