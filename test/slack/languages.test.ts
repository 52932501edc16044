import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visibleText } from '../../src/slack/emulator/screen.ts';
import { startTestSlack, type TestSlack } from './harness.ts';

let slack: TestSlack;
beforeAll(async () => {
  slack = await startTestSlack();
  await slack.ctx.store.saveContact(
    { email: 'alice@corp.fr', phone: '+33612345678', jobFunction: 'finance' },
    new Date(),
  );
});
afterAll(async () => slack.stop());

// U0DPO's Slack locale is fr-FR, U0AUDIT's en-US; both hold the compliance roles.
const CASES: [string, string, string][] = [
  ['/can-i-email alice@corp.fr', 'Pourquoi', 'Why'],
  ['/can-i-sms +33 6 12 34 56 78', 'Pourquoi', 'Why'],
  ['/can-i-call +33 6 12 34 56 78', 'appel → +336•••78', 'phone call → +336•••78'],
  ['/prospect alice@corp.fr', 'Consentements', 'Consents'],
  ['/consent alice@corp.fr', 'Comment a-t-il été recueilli ?', 'How was it collected?'],
  ['/optout someone@corp.fr sms', 'Opposition enregistrée', 'Objection recorded'],
  ['/can-i-email', 'Il manque', 'is missing'],
];

describe.each(CASES)('%s', (line, french, english) => {
  it('answers in French for a French Slack locale', async () => {
    expect(visibleText(await slack.user.command(line, { user: 'U0DPO' }))).toContain(french);
  });
  it('answers in English for an English Slack locale', async () => {
    expect(visibleText(await slack.user.command(line, { user: 'U0AUDIT' }))).toContain(english);
  });
});
