import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkMessage } from '../../src/campaign/message.ts';
import { formatIssue, PolicyError, parsePolicy } from '../../src/policy/load.ts';
import { POLICY_PATH, policy } from '../support/policy.ts';

const elements = (
  template: string,
  channel: Parameters<typeof checkMessage>[1],
  product = 'accounting-software',
) => checkMessage(template, channel, product, policy).map((f) => f.element);

describe('message checks', () => {
  it('passes an email with sender, unsubscribe link and a subject about the product', () => {
    const email =
      'Objet : Votre comptabilité en 10 minutes\n\nBonjour, Exemple SAS …\nSe désinscrire : {{unsubscribe}}';
    expect(elements(email, 'email')).toEqual([]);
  });

  it('blocks each missing element of an email, accents and case aside', () => {
    expect(elements('Subject: Holiday offers\nHello from ACME', 'email').sort()).toEqual([
      'sender',
      'subject',
      'unsubscribe',
    ]);
    expect(elements('Subject: bookkeeping made easy\nEXEMPLE sas — DESINSCRIPTION ici', 'email')).toEqual([]);
  });

  it('wants STOP, in capitals, in an SMS', () => {
    expect(elements('Exemple SAS: -20% ! STOP au 36111', 'sms')).toEqual([]);
    expect(elements('Exemple SAS: -20% ! stop au 36111', 'sms')).toEqual(['stop']);
  });

  it('checks the opening of a call script for identity, on whose behalf, and the commercial purpose', () => {
    const good =
      'Bonjour, Camille d’Exemple SAS, je vous appelle de la part de Exemple SAS pour vous présenter notre offre.';
    expect(elements(good, 'phone')).toEqual([]);
    const late = `Bonjour, comment allez-vous ? ${'Blabla. '.repeat(60)} Je suis d'Exemple SAS, pour le compte de X, offre commerciale.`;
    expect(elements(late, 'phone').sort()).toEqual(['caller-identity', 'commercial-purpose', 'on-behalf-of']);
  });

  it('blocks a campaign with no template at all', () => {
    expect(elements('   ', 'email')).toEqual(['template']);
  });
});

/** The opt-out findings of a template: [element, severity] (severity absent: blocks). */
const costs = (template: string, channel: Parameters<typeof checkMessage>[1] = 'sms') =>
  checkMessage(template, channel, 'accounting-software', policy)
    .filter((f) => ['stop-cost', 'unsubscribe-login', 'unsubscribe-payment'].includes(f.element))
    .map((f) => [f.element, f.severity ?? 'block']);
const reason = (template: string, lang: 'fr' | 'en', channel: Parameters<typeof checkMessage>[1] = 'sms') =>
  checkMessage(template, channel, 'accounting-software', policy)
    .map((f) => f.message[lang])
    .join('\n');

// CPCE L.34-5: opting out "sans frais autres que ceux liés à la transmission"; CNIL délib. 2011-384 (€20,000,
// an opt-out by premium SMS); CNIL "La prospection commerciale par SMS-MMS": STOP stops the messages for free.
describe('the opt-out costs nothing beyond its transmission', () => {
  it('lets STOP to a 3xxxx short code, a mobile or a free number through, however it is written', () => {
    for (const sms of [
      'Exemple SAS : -20 % ! STOP au 36180',
      'Exemple SAS : -20 % ! STOP 36180',
      'Exemple SAS : -20 % ! STOP au 36 180, offre valable 2 jours',
      'Exemple SAS : -20 % ! STOP SMS au numéro court 36200.',
      'Exemple SAS : -20 % ! STOP au +33 6 12 34 56 78',
      'Exemple SAS : -20 % ! STOP au 06 12 34 56 78',
      'Exemple SAS : -20 % ! STOP au 0 800 12 34 56',
      'Exemple SAS: 20% off! Text STOP to 36180',
    ])
      expect(costs(sms), sms).toEqual([]);
  });

  it('blocks STOP to a surcharged number, naming the number and why', () => {
    expect(costs('Exemple SAS : -20 % ! STOP au 61234')).toEqual([['stop-cost', 'block']]);
    expect(reason('Exemple SAS : -20 % ! STOP au 61234', 'fr')).toBe(
      '« STOP » est à envoyer au 61234, un numéro court SMS+ du palier 6, surtaxé jusqu’à 0,50\u00a0€ par SMS en plus de son envoi : la désinscription ne doit rien coûter de plus que l’envoi du SMS. Utilisez un numéro court en 36xxx ou un numéro non surtaxé.',
    );
    expect(reason('Exemple SAS : -20 % ! STOP au 61234', 'en')).toContain(
      'STOP is to be sent to 61234, an SMS+ short code of tier 6, surcharged up to €0.50 per SMS',
    );
    // "Stop SMS" in lower case still names its number (the STOP presence check wants capitals: its own finding).
    expect(costs('Exemple SAS : -20 % ! Stop SMS au 0 899 12 34 56')).toEqual([['stop-cost', 'block']]);
    expect(reason('Exemple SAS : STOP au +33 8 99 12 34 56', 'en')).toContain(
      'STOP is to be sent to 08 99 12 34 56, a 089 number with a surcharged tariff',
    );
    expect(costs('Exemple SAS : STOP au 118 218')).toEqual([['stop-cost', 'block']]);
    expect(costs('Exemple SAS : STOP au 81234')).toEqual([['stop-cost', 'block']]);
  });

  it('leaves to review a STOP whose number does not tell its tariff, or that names no number', () => {
    expect(costs('Exemple SAS : -20 % ! STOP au 3949')).toEqual([['stop-cost', 'review']]);
    expect(reason('Exemple SAS : STOP au 3949', 'en')).toContain(
      'a 39xx short number, whose tariff (ordinary or surcharged) depends on the service',
    );
    expect(costs('Exemple SAS : STOP au +44 20 7946 0000')).toEqual([['stop-cost', 'review']]);
    expect(costs('Exemple SAS : STOP au 0 884 12 34 56')).toEqual([['stop-cost', 'review']]);
    expect(costs('Exemple SAS : -20 % ! Répondez STOP')).toEqual([['stop-cost', 'review']]);
    expect(reason('Exemple SAS : -20 % ! Répondez STOP', 'fr')).toContain('sans dire à quel numéro');
    // A word that is not "au" or "SMS" between STOP and digits: the digits are not its number.
    expect(costs('Exemple SAS : STOP. Offre valable 2 jours')).toEqual([['stop-cost', 'review']]);
  });

  it('judges every STOP number of the message, each once', () => {
    expect(costs('Exemple SAS : STOP au 36180 ou STOP au 61234. STOP au 61 234')).toEqual([
      ['stop-cost', 'block'],
    ]);
  });

  it('blocks an unsubscribe that needs a login or a payment, where the template says so', () => {
    const email = (footer: string) =>
      `Objet : Votre comptabilité en 10 minutes\n\nBonjour, Exemple SAS …\n${footer}`;
    expect(costs(email('Pour vous désinscrire, connectez-vous à votre espace client.'), 'email')).toEqual([
      ['unsubscribe-login', 'block'],
    ]);
    expect(reason(email('Pour vous désinscrire, connectez-vous à votre espace client.'), 'en', 'email')).toBe(
      'Unsubscribing requires logging in ("Pour vous désinscrire, connectez-vous à votre espace client."): it must be possible without an account or password, through a simple link.',
    );
    expect(costs(email('Please log in to your account to unsubscribe.'), 'email')).toEqual([
      ['unsubscribe-login', 'block'],
    ]);
    // The question and its answer are read together.
    expect(costs(email('Vous ne souhaitez plus recevoir nos offres ?\nConnectez-vous.'), 'email')).toEqual([
      ['unsubscribe-login', 'block'],
    ]);
    expect(costs(email('Désinscription : {{unsubscribe}} (service payant, 0,50 €)'), 'email')).toEqual([
      ['unsubscribe-payment', 'block'],
    ]);
    expect(costs(email('To unsubscribe, reply with a fee of 1 EUR.'), 'email')).toEqual([
      ['unsubscribe-payment', 'block'],
    ]);
  });

  it('lets a free unsubscribe through, and prices that are not about unsubscribing', () => {
    const email = (footer: string) =>
      `Objet : Votre comptabilité en 10 minutes\n\nBonjour, Exemple SAS, -20 € sur l’abonnement ! Connectez-vous pour en profiter.\n${footer}`;
    for (const footer of [
      'Se désinscrire : {{unsubscribe}}',
      'Désinscription gratuite et sans frais, sans vous connecter : {{unsubscribe}}',
      'Unsubscribe free of charge, without logging in: {{unsubscribe}}',
    ])
      expect(costs(email(footer), 'email'), footer).toEqual([]);
  });

  // Found by the legal red team (L.34-5: "sans frais autres que ceux liés à la transmission").
  it('blocks a fee stated beside STOP, and a surcharged number the unsubscribe sentence sends people to', () => {
    expect(costs("Exemple SAS : -20 %. STOP au 36111 (0,50 EUR/SMS + prix d'un SMS)")).toEqual([
      ['unsubscribe-payment', 'block'],
    ]);
    const email = (footer: string) =>
      `Objet : Votre comptabilité en 10 minutes\n\nBonjour, Exemple SAS …\n${footer}`;
    expect(costs(email('Pour vous désabonner, appelez le 0899 12 34 56.'), 'email')).toEqual([
      ['stop-cost', 'block'],
    ]);
    expect(costs(email('Pour vous désabonner, appelez le 01 45 67 89 10.'), 'email')).toEqual([]);
    // Counts and years are not numbers to call; "sans identifiant ni connexion" is no login wall.
    expect(
      costs(
        email('Se désinscrire en 2 clics, depuis 2026, sans identifiant ni connexion : {{unsubscribe}}'),
        'email',
      ),
    ).toEqual([]);
    // In an email, "stop" is only a word, not a STOP with no number.
    expect(costs(email('Stop aux factures papier. Se désinscrire : {{unsubscribe}}'), 'email')).toEqual([]);
  });

  it('reads its words from the policy, and the policy lint says what such a check lacks', () => {
    const source = readFileSync(POLICY_PATH, 'utf8');
    const loginWords = '        forbids: ["connectez*", ';
    expect(source).toContain(loginWords);
    // A compliance officer who takes "connectez*" out of the words lets that footer through.
    const edited = parsePolicy(source.replace(loginWords, '        forbids: ['), 'policy.yaml');
    const footer = 'Objet : Votre comptabilité\nExemple SAS\nPour vous désinscrire, connectez-vous.';
    expect(checkMessage(footer, 'email', 'accounting-software', edited).map((f) => f.element)).toEqual([]);
    const withoutFound = source.replace(
      /( {6}found:\n {8}fr: "La désinscription demande[^\n]*\n {8}en: [^\n]*\n)/,
      '',
    );
    expect(withoutFound).not.toBe(source);
    let issues: string[] = [];
    try {
      parsePolicy(withoutFound, 'policy.yaml');
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error;
      issues = error.issues.map(formatIssue);
    }
    expect(issues).toEqual([
      expect.stringMatching(/^policy\.yaml:\d+:\d+ an optout_sentence check needs found$/),
    ]);
  });
});
