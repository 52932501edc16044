import { WebClient } from '@slack/web-api';
import { expect, it } from 'vitest';
import { FakeSlack } from '../../src/slack/emulator/fakeSlack.ts';
import { preflight } from '../../src/slack/preflight.ts';
import { policy } from '../support/policy.ts';

it('warns at start-up about placeholders and user groups the workspace does not have', async () => {
  const slack = await new FakeSlack().start();
  try {
    const client = new WebClient('xoxb-test-1234567890', {
      slackApiUrl: slack.apiUrl,
      retryConfig: { retries: 0 },
    });
    const custom = {
      ...policy,
      doc: {
        ...policy.doc,
        roles: { ...policy.doc.roles, purge: ['S0MISSING', 'U0DPO'], record_consent: [] },
        retention: {
          ...policy.doc.retention,
          reminders: { ...policy.doc.retention.reminders, channel: 'C0REAL' },
        },
      },
    };
    const warnings = await preflight(client, custom);
    expect(warnings).toContain(
      'user group S0MISSING named in policy.yaml cannot be read (no_such_subteam): its members get no role',
    );
    expect(warnings.some((w) => w.includes('"Exemple SAS"'))).toBe(true);
    expect(warnings.some((w) => w.includes('C0COMPLIANCE'))).toBe(false);
  } finally {
    await slack.stop();
  }
});
