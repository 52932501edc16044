import type { App } from '@slack/bolt';
import * as campaignApproval from './campaignApproval.ts';
import * as campaignCheck from './campaignCheck.ts';
import * as campaignRecheck from './campaignRecheck.ts';
import * as campaignReview from './campaignReview.ts';
import * as canI from './canI.ts';
import * as consent from './consent.ts';
import * as contact from './contact.ts';
import * as contactEdit from './contactEdit.ts';
import * as home from './home.ts';
import * as optout from './optout.ts';
import * as policy from './policy.ts';
import * as privacy from './privacy.ts';
import * as retention from './retention.ts';
import * as retentionPurge from './retentionPurge.ts';
import * as workflow from './workflow.ts';

/**
 * Every Slack feature, one file each: its slash command, buttons, modals and events. Each listener translates a
 * Slack payload into a service call and the answer into Block Kit; the rules live in the services and policy.
 */
const FEATURES = [
  canI,
  consent,
  contact,
  contactEdit,
  optout,
  campaignCheck,
  campaignApproval,
  campaignReview,
  campaignRecheck,
  retention,
  retentionPurge,
  privacy,
  policy,
  home,
  workflow,
];

/** Every slash command the app answers; app-manifest.yml must declare exactly these. */
export const SLASH_COMMANDS = [
  ...canI.CAN_I.map(([name]) => name),
  '/consent',
  '/optout',
  '/prospect',
  '/campaign-check',
  '/retention',
  '/privacy',
  '/policy',
];

/** Every listener, once: each request's workspace reaches them through Bolt's context (kit.ts depsOf). */
export function registerListeners(app: App): void {
  for (const feature of FEATURES) feature.register(app);
}
