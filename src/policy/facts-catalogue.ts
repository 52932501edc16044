/**
 * The named facts a policy condition may use. The engine computes each one from the store's records, the request
 * and `now` (see facts.ts); this list is what `policy lint` checks conditions against and what the README documents.
 */
export type FactType = 'boolean' | 'number' | 'string' | 'list';

export const FACTS = {
  channel: ['string', 'the channel asked about: email, sms, messaging, automated-call, phone, post'],
  audience: ['string', 'b2b or b2c, as derived for this person'],
  contact_known: ['boolean', 'the person is in the consent store'],
  address_generic: ['boolean', 'a professional role address (contact@, info@…), not a person'],
  address_nominative: ['boolean', 'a professional address or line of a named person'],
  collected_directly: ['boolean', 'the person gave us their details themself (form, event, in person)'],
  collected_indirectly: [
    'boolean',
    'the details came from someone else (purchase, partner, enrichment, scraping…)',
  ],
  informed: ['boolean', 'the information notice, with the right to object, was given (art. 13/14)'],
  informed_at_collection: [
    'boolean',
    'the notice (and the chance to refuse) was given on the day the details were collected, not later',
  ],
  notice_overdue: ['boolean', 'indirect collection, no notice, and the information deadline has passed'],
  notice_due_with_first_message: ['boolean', 'indirect collection, no notice yet, deadline not passed'],
  source_type: ['string', 'how the details were obtained: form, purchase, event, … or unknown'],
  source_forbidden: [
    'boolean',
    'the source detail (host, URL, product name) matches forbidden_sources.match, case and accents ignored',
  ],
  source_scraped: ['boolean', 'the source type is in the scraped_sources parameter'],
  consent_valid: [
    'boolean',
    "a granted, unexpired consent for this channel and purpose, with proof and an accepted method (for a referral, never the referrer's word)",
  ],
  consent_withdrawn: ['boolean', 'the latest consent record for this channel and purpose is a withdrawal'],
  consent_expired: ['boolean', 'the latest grant for this channel and purpose is past its validity end'],
  consent_without_proof: ['boolean', 'the latest grant has no method or no wording/evidence (art. 7(1))'],
  consent_method_invalid: ['boolean', 'the latest grant used a method not in accepted_consent_methods'],
  consent_third_party: [
    'boolean',
    "the latest grant was collected by someone else (a partner, a list seller), or, for details we got from someone else, is dated before the day we received them, or on that day without evidence of the person's own act",
  ],
  consent_own_act: [
    'boolean',
    "the latest grant carries evidence of the person's own act: a method in own_act_consent_methods and an evidence reference",
  ],
  referral_message_sent: [
    'boolean',
    "a referral (parrainage): the referee's one message is spent (the notice was given, or an event was recorded since we got the details)",
  ],
  consent_withdrawal_refuses: [
    'boolean',
    'the person withdrew her consent to this purpose on this channel (or one covering it) and no later valid consent was given',
  ],
  consent_names_us: ['boolean', 'the latest grant records that it named us (or our category) when given'],
  consent_names_us_vaguely: [
    'boolean',
    'a third party collected the latest grant for unnamed "partners": not specific, so not consent',
  ],
  consent_evidence: ['boolean', 'the latest grant has an evidence reference we hold (URL, recording…)'],
  consent_too_old: ['boolean', 'a valid consent older than phone_consent_max_age'],
  call_slot_agreed: [
    'boolean',
    'a valid consent on this channel to be called in a precise slot that contains now (D.223-9 exception)',
  ],
  customer: ['boolean', 'the person bought from us (customer since ≤ now; a free account is not a sale)'],
  account_without_purchase: [
    'boolean',
    'a free account with no purchase (CJEU C-654/23 vs CNIL SAN-2021-008)',
  ],
  contract_in_progress: [
    'boolean',
    'an active contract recorded as such (or with an end ahead) that has not ended; one-off purchases are not',
  ],
  collected_at_sale: [
    'boolean',
    'the customer gave the address at a sale (source sale, or collected directly on a purchase day)',
  ],
  product_given: ['boolean', 'the question names a product category'],
  product_similar_to_purchases: [
    'boolean',
    'the product is one the customer bought or a similar one (policy products)',
  ],
  function_known: ['boolean', 'the contact has a job function'],
  function_mapped: [
    'boolean',
    "the contact's job title maps to a function of the policy (functions: synonyms)",
  ],
  relevant_to_function: [
    'boolean',
    "the policy lists one of the functions of the contact's job title among the product's functions (related)",
  ],
  unrelated_to_function: [
    'boolean',
    "every function of the contact's job title is one the product's table says is unrelated (unrelated:, Nestor)",
  ],
  product_sectors: ['list', 'the sectors of the product category (energy_renovation, cpf_training…)'],
  purpose_commercial: [
    'boolean',
    'a product is offered, or the purpose is not in non_commercial_purposes (what is offered decides)',
  ],
  inside_call_window: ['boolean', "now is inside the call days and hours, in the recipient's time zone"],
  local_public_holiday: [
    'boolean',
    'today is (or may be) a public holiday where the callee lives that L.3133-1 does not list',
  ],
  consent_stale_at_transfer: [
    'boolean',
    "a third party's consent older than retention_prospect when we collected the data (kept too long by the seller)",
  ],
  free_mail_address: ['boolean', 'the email address is at a consumer mail provider (gmail.com, orange.fr…)'],
  function_not_in_post: [
    'boolean',
    'the job title says the person does not hold the job in a trade (not_in_post_titles: retired, student…)',
  ],
  call_slot_too_broad: [
    'boolean',
    'a consent to be called out of hours covers now, but over more than call_slot_max_length (not a precise time)',
  ],
  callee_place_unrecognised: [
    'boolean',
    'the contact records a department that is not a French one (e.g. a typo or a Pacific collectivity name)',
  ],
  target_abroad: ['boolean', 'a phone number outside the home_regions (France and its overseas departments)'],
  call_attempts_in_window: [
    'number',
    'human and automated call attempts in the last call_attempts_window calendar days, today included',
  ],
  call_refused: ['boolean', 'the person refused a call at some point'],
  refused_within_pause: ['boolean', 'a call refusal less than refusal_pause full calendar days ago'],
  callback_requested: [
    'boolean',
    'the person asked to be called back, within callback_working_days working days',
  ],
  objection: [
    'boolean',
    'an objection covers this channel (or all) and no later valid consent on this channel lifts it; a withdrawn consent is not an objection (consent_withdrawal_refuses)',
  ],
  objection_followed_by_consent: [
    'boolean',
    'a global objection (all channels) followed by a valid consent on this channel: a human must check it',
  ],
  retention_passed: ['boolean', 'the retention deadline of the contact data has passed'],
} as const satisfies Record<string, readonly [FactType, string]>;

export type FactName = keyof typeof FACTS;

export function factType(name: string): FactType | undefined {
  return (FACTS as Record<string, readonly [FactType, string]>)[name]?.[0];
}
