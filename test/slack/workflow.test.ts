import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { peopleInText } from '../../src/domain/peopleInText.ts';
import { visibleText } from '../../src/slack/emulator/screen.ts';
import { CHECK_SHORTCUT, CHECK_STEP } from '../../src/slack/listeners/workflow.ts';
import { financeProfessional } from '../support/subjects.ts';
import { startTestSlack, type TestSlack } from './harness.ts';

let slack: TestSlack;
beforeEach(async () => {
  slack = await startTestSlack();
  await slack.store.saveContact(financeProfessional('alice@corp.fr'), new Date('2026-01-05T09:00:00Z'));
  await slack.store.addObjection(
    [{ kind: 'email', value: 'bob@corp.fr' }],
    'all',
    new Date('2026-11-20T09:00:00Z'),
    'test',
  );
});
afterEach(() => slack.stop());

describe('the message shortcut "Check the people in this message"', () => {
  it('answers the asker alone, one verdict per person found', async () => {
    const text =
      'Lead from the fair: <mailto:bob@corp.fr|bob@corp.fr>, call him on 06 12 34 56 78 or Alice &lt;alice@corp.fr&gt;';
    const d = await slack.user.messageShortcut(CHECK_SHORTCUT, text, { user: 'U0SALES' });
    const shown = visibleText(d);
    expect(shown).toContain('The 3 people in this message (only you can see this):');
    expect(shown).toMatch(/⛔ Blocked — b\*\*\*@corp\.fr \(email\)/);
    expect(shown).toMatch(/— \+336•••78 \(call\)/);
    expect(shown).toMatch(/a\*\*\*@corp\.fr \(email\)/);
    expect(d.calls.some((c) => c.method === 'chat.postMessage')).toBe(false);
    expect(shown).not.toContain('bob@corp.fr');
    expect((await slack.store.recentDecisions('slack:U0SALES', 10)).length).toBe(3);
  });

  it('says so when the message names nobody, and refuses a Slack Connect partner', async () => {
    expect(visibleText(await slack.user.messageShortcut(CHECK_SHORTCUT, 'See you at 10:30!'))).toBe(
      'No email address or phone number in this message.',
    );
    const partner = await slack.user.messageShortcut(CHECK_SHORTCUT, 'bob@corp.fr', { user: 'U0PARTNER' });
    expect(visibleText(partner)).toMatch(/another organisation/);
    expect(await slack.store.recentDecisions('slack:U0PARTNER', 10)).toEqual([]);
  });
});

describe('the Workflow Builder step "Check a prospect"', () => {
  const outputs = (d: Awaited<ReturnType<TestSlack['user']['runStep']>>) =>
    d.calls.find((c) => c.method.startsWith('functions.'));

  it('completes with the verdict, reason and rule for the workflow to branch on', async () => {
    const blocked = outputs(
      await slack.user.runStep(CHECK_STEP, { target: 'bob@corp.fr', channel: 'email', user: 'U0SALES' }),
    );
    expect(blocked?.method).toBe('functions.completeSuccess');
    expect(blocked?.args.outputs).toMatchObject({ verdict: 'block', rule: expect.stringMatching(/./) });
    const allowed = outputs(
      await slack.user.runStep(CHECK_STEP, {
        target: 'alice@corp.fr',
        channel: 'email',
        product: 'accounting-software',
      }),
    );
    expect(allowed?.args.outputs).toMatchObject({ verdict: 'allow' });
    expect((await slack.store.recentDecisions('slack:U0SALES', 5))[0]?.verdict).toBe('block');
  });

  it('ends in error, with the reason, on a target or channel the rules refuse', async () => {
    const bad = outputs(await slack.user.runStep(CHECK_STEP, { target: 'bob@', channel: 'email' }));
    expect(bad?.method).toBe('functions.completeError');
    expect(String(bad?.args.error)).toMatch(/bob@/);
    const fax = outputs(await slack.user.runStep(CHECK_STEP, { target: 'bob@corp.fr', channel: 'fax' }));
    expect(fax?.method).toBe('functions.completeError');
    expect(String(fax?.args.error)).toMatch(/email, sms, messaging/);
  });
});

describe('finding people in a message', () => {
  it('reads Slack links, French numbers and addresses once each, in order', () => {
    expect(
      peopleInText('<tel:+33612345678|06 12 34 56 78> then x@y.fr, X@Y.FR again, and +44 20 7946 0958'),
    ).toEqual([
      { kind: 'phone', value: '+33612345678', region: 'FR' },
      { kind: 'email', value: 'x@y.fr' },
      { kind: 'phone', value: '+442079460958', region: 'GB' },
    ]);
    expect(peopleInText('no one here, not@even')).toEqual([]);
  });
});
