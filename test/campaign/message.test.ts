import { describe, expect, it } from 'vitest';
import { checkMessage } from '../../src/campaign/message.ts';
import { policy } from '../helpers.ts';

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
