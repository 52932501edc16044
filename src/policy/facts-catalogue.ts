/**
 * The named facts a policy condition may use. The engine computes each one from the store's records, the request
 * and `now` (see facts.ts); this list is what `policy lint` checks conditions against and what the README documents.
 */
export type FactType = 'boolean' | 'number' | 'string' | 'list';

export const FACTS = {
  contact_known: ['boolean', 'the person is in the consent store'],
  address_generic: ['boolean', 'a professional role address (contact@, info@…), not a person'],
  address_nominative: ['boolean', 'a professional address or line of a named person'],
  collected_directly: ['boolean', 'the person gave us their details themself (form, event, in person)'],
  collected_indirectly: [
    'boolean',
    'the details came from someone else (purchase, partner, enrichment, scraping…)',
  ],
  informed: ['boolean', 'the information notice, with the right to object, was given (art. 13/14)'],
  notice_overdue: ['boolean', 'indirect collection, no notice, and the information deadline has passed'],
  notice_due_with_first_message: ['boolean', 'indirect collection, no notice yet, deadline not passed'],
  source_type: ['string', 'how the details were obtained: form, purchase, event, … or unknown'],
  source_forbidden: ['boolean', 'the source is in the forbidden_sources parameter'],
  source_scraped: ['boolean', 'the source type is in the scraped_sources parameter'],
  consent_valid: [
    'boolean',
    'a granted, unexpired consent for this channel and purpose, with proof and an accepted method',
  ],
  consent_withdrawn: ['boolean', 'the latest consent record for this channel and purpose is a withdrawal'],
  consent_expired: ['boolean', 'the latest grant for this channel and purpose is past its validity end'],
  consent_without_proof: ['boolean', 'the latest grant has no method or no wording/evidence (art. 7(1))'],
  consent_method_invalid: ['boolean', 'the latest grant used a method not in accepted_consent_methods'],
  consent_too_old: ['boolean', 'a valid consent older than phone_consent_max_age'],
  customer: ['boolean', 'the person bought from us (customer since ≤ now)'],
  contract_in_progress: ['boolean', 'a customer relationship that has not ended'],
  product_given: ['boolean', 'the question names a product category'],
  product_similar_to_purchases: [
    'boolean',
    'the product is one the customer bought or a similar one (policy products)',
  ],
  function_known: ['boolean', 'the contact has a job function'],
  relevant_to_function: [
    'boolean',
    "the product is relevant to the contact's job function (policy products)",
  ],
  product_sectors: ['list', 'the sectors of the product category (energy_renovation, cpf_training…)'],
  purpose_commercial: ['boolean', 'the purpose is not in non_commercial_purposes'],
  inside_call_window: ['boolean', "now is inside the call days and hours, in the recipient's time zone"],
  call_attempts_in_window: ['number', 'call attempts in the last call_attempts_window'],
  call_refused: ['boolean', 'the person refused a call at some point'],
  refused_within_pause: ['boolean', 'a call refusal less than refusal_pause ago'],
  objection: ['boolean', 'an objection covers this channel (or all channels)'],
  retention_passed: ['boolean', 'the retention deadline of the contact data has passed'],
} as const satisfies Record<string, readonly [FactType, string]>;

export type FactName = keyof typeof FACTS;

export function factType(name: string): FactType | undefined {
  return (FACTS as Record<string, readonly [FactType, string]>)[name]?.[0];
}
