import type { OpenView } from '../../src/slack/emulator/slackUser.ts';
import type { TestSlack } from './harness.ts';

/** A message that passes every message check of the shipped policy (identification, unsubscribe link). */
export const GOOD_TEMPLATE =
  'Objet : Votre comptabilité en 10 minutes\nBonjour, Exemple SAS vous présente…\nSe désinscrire : {{unsubscribe}}';

export const select = (value: string) => ({
  value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: value }, value } },
});
export const textValue = (value: string | null) => ({ value: { type: 'plain_text_input', value } });
const at = (iso: string | null) => ({
  value: {
    type: 'datetimepicker',
    selected_date_time: iso === null ? null : Math.floor(Date.parse(iso) / 1000),
  },
});

/** What the /campaign-check modal is filled with: an email campaign for accounting software, to B2B. */
export interface CampaignForm {
  name?: string;
  template?: string;
  start?: string;
  end?: string | null;
  /** A list shared as a file (the fake Slack's `addFile`), or pasted. */
  file?: Record<string, unknown>;
  pasted?: string | null;
}

/** Opens /campaign-check as `user` and submits it: the opening, its modal and the submission as Slack saw them. */
export async function submitCampaignCheck(slack: TestSlack, user: string, form: CampaignForm = {}) {
  const opened = await slack.user.command('/campaign-check', { user });
  const view = opened.calls.find((c) => c.method === 'views.open')?.result?.view as OpenView;
  const submitted = await slack.user.submit(
    view,
    {
      name: textValue(form.name ?? 'Rentrée compta'),
      channel: select('email'),
      product: select('accounting-software'),
      audience: select('b2b'),
      start: at(form.start ?? '2026-11-24T09:00:00+01:00'),
      end: at(form.end ?? null),
      template: textValue(form.template ?? GOOD_TEMPLATE),
      file: { value: { type: 'file_input', files: form.file ? [form.file] : [] } },
      pasted: textValue(form.pasted ?? null),
    },
    { user },
  );
  return { opened, view, submitted };
}
