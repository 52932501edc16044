import { describe, expect, it } from 'vitest';
import { InputError } from '../src/domain/errors.ts';
import type { Policy } from '../src/policy/load.ts';
import { productsMatching } from '../src/policy/products.ts';
import { product } from '../src/services/parse.ts';
import { productOrPurpose } from '../src/slack/listeners/commandText.ts';
import { policy } from './helpers.ts';

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
    let caught: unknown;
    try {
      product('compta', ambiguous);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).problem).toBe('ambiguous_product');
    expect(String((caught as InputError).params.allowed)).toContain('accounting-software');
    expect(String((caught as InputError).params.allowed)).toContain('payroll-software');
    expect(() => productOrPurpose('compta', ambiguous)).toThrow(InputError);
  });
});
