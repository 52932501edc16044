import { afterEach, beforeEach, expect, it } from 'vitest';
import { submitCampaignCheck } from './campaignKit.ts';
import { startTestSlack, type TestSlack } from './harness.ts';

let slack: TestSlack;
beforeEach(async () => {
  slack = await startTestSlack();
});
afterEach(async () => slack.stop());

it('says in words that a list over the size limit is too big, and checks nothing', async () => {
  const big = Buffer.alloc(60 * 1024 * 1024, 'a@acme.fr;A\r\n');
  const file = slack.slack.addFile('huge.csv', Buffer.concat([Buffer.from('E-mail;Nom\r\n'), big]));
  const { submitted } = await submitCampaignCheck(slack, 'U0SALES', { file });
  const seen = `${JSON.stringify(submitted.ack ?? {})}\n${submitted.calls.map((c) => JSON.stringify(c.args)).join('\n')}`;
  expect(seen).not.toContain('file_too_big');
  expect(seen).toContain('The file is over 50 MB.');
  expect(await slack.store.campaigns()).toEqual([]);
});
