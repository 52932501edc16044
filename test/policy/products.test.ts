import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/domain/errors.ts';
import type { Policy } from '../../src/policy/load.ts';
import { productsMatching } from '../../src/policy/products.ts';
import { product } from '../../src/services/parse.ts';
import { productOrPurpose } from '../../src/slack/listeners/commandText.ts';
import { cli } from '../support/cli.ts';
import { tempDir } from '../support/dirs.ts';
import { policy } from '../support/policy.ts';

const refused = (typed: string, p: Policy = policy): InputError => {
  try {
    product(typed, p);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error(`"${typed}" was accepted`);
};

describe('naming a product the way salespeople do', () => {
  it('finds a category by id, label or keyword, whatever the case or accents', () => {
    expect(productsMatching(policy, 'accounting-software')).toEqual(['accounting-software']);
    expect(productsMatching(policy, 'Logiciel de COMPTABILITE')).toEqual(['accounting-software']);
    expect(productsMatching(policy, 'compta')).toEqual(['accounting-software']);
    expect(productsMatching(policy, 'comptabilité')).toEqual(['accounting-software']);
    expect(productsMatching(policy, 'salaires')).toEqual(['payroll-software']);
    expect(productsMatching(policy, 'a-rocket')).toEqual([]);
  });

  it('the CLI --product and the Slack command agree', () => {
    expect(product('compta', policy)).toBe('accounting-software');
    expect(productOrPurpose('compta', policy)).toEqual({ product: 'accounting-software' });
    expect(() => product('a-rocket', policy)).toThrow(InputError);
    expect(() => productOrPurpose('a-rocket', policy)).toThrow(InputError);
  });

  it('a word that fits several categories is refused, naming them, rather than guessed', () => {
    const doc = structuredClone(policy.doc);
    const payroll = doc.products['payroll-software'];
    if (payroll) payroll.keywords = [...(payroll.keywords ?? []), 'compta'];
    const ambiguous = { ...policy, doc } as Policy;
    const caught = refused('compta', ambiguous);
    expect(caught.problem).toBe('ambiguous_product');
    expect(caught.params.allowed).toBe('accounting-software, payroll-software');
    expect(caught.params.choices?.map((c) => c.fr)).toEqual(['Logiciel de comptabilité', 'Logiciel de paie']);
    expect(() => productOrPurpose('compta', ambiguous)).toThrow(InputError);
  });
});

describe('every product has its words, in French and in English', () => {
  const products = Object.entries(policy.doc.products);

  it.each(products)('%s is found by each of its keywords, in both languages', (id, entry) => {
    const byLanguage = entry.keywordsByLanguage;
    expect(byLanguage?.fr.length).toBeGreaterThan(0);
    expect(byLanguage?.en.length).toBeGreaterThan(0);
    for (const keyword of [...(byLanguage?.fr ?? []), ...(byLanguage?.en ?? [])])
      expect(productsMatching(policy, keyword), keyword).toContain(id);
    // And a person can name it alone in each language, without being asked which.
    for (const words of [byLanguage?.fr ?? [], byLanguage?.en ?? []])
      expect(words.some((keyword) => productsMatching(policy, keyword).length === 1)).toBe(true);
  });

  it.each([
    ['CRM', 'crm-software'],
    ['relation client', 'crm-software'],
    ['plateaux-repas', 'office-catering'],
    ['traiteur', 'office-catering'],
    ['cantine', 'office-catering'],
    ['lunch', 'office-catering'],
    ['presse', 'magazine-subscription'],
    ['magazine', 'magazine-subscription'],
    ['journal', 'magazine-subscription'],
    ['newspaper', 'magazine-subscription'],
    ['rénovation', 'energy-renovation'],
    ['isolation des combles', 'energy-renovation'],
    ['pompe à chaleur', 'energy-renovation'],
    ['heat pump', 'energy-renovation'],
    ['CPF', 'cpf-training'],
    ['compte personnel de formation', 'cpf-training'],
    ['formation CPF', 'cpf-training'],
    ['formation en entreprise', 'professional-training'],
    ['corporate training', 'professional-training'],
    ['monte-escalier', 'home-adaptation'],
    ['stairlift', 'home-adaptation'],
    ['logiciel de paie', 'payroll-software'],
  ])('"%s" is %s', (typed, id) => {
    expect(productsMatching(policy, typed)).toEqual([id]);
  });

  it.each([
    // Professional training, or CPF training whose canvassing is banned: never the permissive one by default.
    ['formation', ['professional-training', 'cpf-training']],
    ['training', ['professional-training', 'cpf-training']],
    // Both sector bans: energy renovation or home adaptation.
    ['travaux', ['energy-renovation', 'home-adaptation']],
    ['building works', ['energy-renovation', 'home-adaptation']],
    // Two products named at once.
    ['comptabilité et paie', ['accounting-software', 'payroll-software']],
  ])('"%s" is ambiguous: %j', (typed, ids) => {
    expect(productsMatching(policy, typed)).toEqual(ids);
    expect(refused(typed).problem).toBe('ambiguous_product');
  });

  it('"abonnement" alone is not a press subscription: a software subscription would get the press exception', () => {
    expect(productsMatching(policy, 'abonnement')).toEqual([]);
    expect(productsMatching(policy, 'abonnement logiciel CRM')).toEqual(['crm-software']);
  });
});

describe('an ambiguous product word, as the reader sees it', () => {
  const ask = (lang: 'fr' | 'en', word: string) =>
    cli(tempDir(), { lang })('can-i', 'email', 'jean.dupont@acme.fr', '--product', word);

  it('lists the candidates by their names in French, never their ids', async () => {
    const result = await ask('fr', 'formation');
    expect(result.status).toBe(2);
    expect(result.err).toBe(
      'prospect-guard: « formation » peut désigner plusieurs produits : « Formation professionnelle » ou « Formation financée par le CPF ». Précisez lequel, par son nom ou un mot de plus.',
    );
  });

  it('and in English', async () => {
    const result = await ask('en', 'travaux');
    expect(result.status).toBe(2);
    expect(result.err).toBe(
      'prospect-guard: "travaux" can mean several products: "Energy-renovation works" or "Home adaptation (ageing, disability)". Say which, by its name or one more word.',
    );
    expect(result.err).not.toMatch(/energy-renovation|home-adaptation/);
  });

  it('a word that names no product lists them all by name', async () => {
    const result = await ask('en', 'rocket');
    expect(result.status).toBe(2);
    expect(result.err).toMatch(
      /^prospect-guard: --product: "rocket" is not a known product category \("Accounting/,
    );
    expect(result.err).toContain('"CPF-funded training"');
    expect(result.err).not.toContain('accounting-software');
  });

  it('the name it lists is accepted as it is written', async () => {
    const result = await cli(tempDir(), { lang: 'en' })(
      'can-i',
      'email',
      'jean.dupont@acme.fr',
      '--product',
      'Formation financée par le CPF',
      '--json',
    );
    expect(JSON.parse(result.out).reasons.map((r: { rule: string }) => r.rule)).toContain(
      'cpf-canvassing-ban',
    );
  });
});
