import { afterEach, expect, it } from 'vitest';
import { visibleText } from '../../src/slack/emulator/screen.ts';
import { startTestSlack, type TestSlack } from './harness.ts';

let slack: TestSlack;
afterEach(async () => slack?.stop());

it('answers /can-i-email', async () => {
  slack = await startTestSlack();
  const d = await slack.user.command('/can-i-email alice@gmail.com');
  console.log(d.status, d.raw.slice(0, 300));
  console.log(visibleText(d));
  console.log(slack.logs);
  expect(d.status).toBe(200);
});
