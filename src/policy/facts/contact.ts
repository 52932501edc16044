import { isFreeMail } from '../../domain/audience.ts';
import { isContract, isCustomer, retentionDeadline } from '../../domain/retention.ts';
import { dayOfIso, periodEnd } from '../../domain/time.ts';
import { compact, normaliseWords, phraseMatcher } from '../../domain/words.ts';
import { type Relevance, relevanceOf } from '../products.ts';
import type { Facts, FactTable } from './scope.ts';

const day = (f: Facts, iso: string) => dayOfIso(iso, f.zone);
const provenanceOf = (f: Facts) => f.subject.contact?.provenance;
const product = (f: Facts) => (f.request.product ? f.policy.doc.products[f.request.product] : undefined);

/** The functions of the policy the contact's job title maps to (synonyms, accents and case ignored). */
function functions(f: Facts): string[] {
  const title = f.subject.contact?.jobFunction;
  return title ? f.policy.functionsOf(normaliseWords(title)) : [];
}

/** What the policy's table says of the offered product for each function of the title (products.ts). */
function relevances(f: Facts): Relevance[] {
  const offered = product(f);
  if (!offered) return [];
  return functions(f).map((fn) => relevanceOf(offered, fn, f.policy.doc.functions));
}

const notInPost = new WeakMap<string[], ((text: string) => boolean)[]>();

/** "Comptable retraitée", "Ancien DAF", "Étudiante en comptabilité": the title says they do not hold the job. */
function titleNotInPost(f: Facts): boolean {
  const title = f.subject.contact?.jobFunction;
  if (!title) return false;
  const words = f.policy.doc.not_in_post_titles;
  let matchers = notInPost.get(words);
  if (!matchers) {
    matchers = words.map(phraseMatcher);
    notInPost.set(words, matchers);
  }
  const text = normaliseWords(title);
  return matchers.some((match) => match(text));
}

/** Who the person is, where their details came from, what they bought, and what the question offers. */
export const contactFacts = {
  channel: (f) => f.request.channel,
  audience: (f) => f.audience,
  contact_known: (f) => f.subject.contact !== undefined,
  free_mail_address: (f) =>
    f.subject.target.kind === 'email' && isFreeMail(f.subject.target.value, f.policy.addressRules),
  function_not_in_post: titleNotInPost,
  address_generic: (f) => f.addressKind === 'pro-generic',
  address_nominative: (f) => f.addressKind === 'pro-nominative',
  collected_directly: (f) => provenanceOf(f)?.collection === 'direct',
  collected_indirectly: (f) => provenanceOf(f)?.collection === 'indirect',
  informed: (f) => {
    const informedAt = provenanceOf(f)?.informedAt;
    f.flipAt(informedAt ? new Date(informedAt) : undefined);
    return f.before(informedAt);
  },
  informed_at_collection: (f) => {
    const provenance = provenanceOf(f);
    if (!provenance?.informedAt || !f.get('informed')) return false;
    return day(f, provenance.informedAt) === day(f, provenance.collectedAt);
  },
  notice_overdue: (f) => {
    const provenance = provenanceOf(f);
    if (provenance?.collection !== 'indirect' || f.get('informed')) return false;
    // A period in months ends when the same-numbered day ends (Reg. 1182/71 art. 3).
    const deadline = periodEnd(new Date(provenance.collectedAt), f.params.information_deadline, f.zone);
    f.flipAt(deadline);
    return f.now >= deadline;
  },
  notice_due_with_first_message: (f) =>
    f.get('collected_indirectly') === true && !f.get('informed') && !f.get('notice_overdue'),
  source_type: (f) => provenanceOf(f)?.source ?? 'unknown',
  source_forbidden: (f) => {
    const provenance = provenanceOf(f);
    if (!provenance?.detail) return false;
    const rules = f.params.forbidden_sources;
    if (rules.except_source_types.includes(provenance.source)) return false;
    const detail = compact(provenance.detail);
    return rules.match.some((pattern) => {
      const wanted = compact(pattern);
      return wanted !== '' && detail.includes(wanted);
    });
  },
  source_scraped: (f) => {
    const provenance = provenanceOf(f);
    return provenance !== undefined && f.params.scraped_sources.includes(provenance.source);
  },
  customer: (f) => {
    const customer = f.subject.contact?.customer;
    f.flipAt(customer ? new Date(customer.since) : undefined);
    return isCustomer(customer, f.now);
  },
  account_without_purchase: (f) => {
    const customer = f.subject.contact?.customer;
    return customer?.kind === 'account' && f.before(customer.since);
  },
  contract_in_progress: (f) => {
    const customer = f.subject.contact?.customer;
    if (!customer || !f.get('customer') || !isContract(customer)) return false;
    f.flipAt(customer.until ? new Date(customer.until) : undefined);
    return !f.before(customer.until);
  },
  collected_at_sale: (f) => {
    const provenance = provenanceOf(f);
    const customer = f.subject.contact?.customer;
    if (!provenance || provenance.collection !== 'direct' || !customer) return false;
    if (provenance.source === 'sale') return true;
    const collected = day(f, provenance.collectedAt);
    return [customer.since, customer.lastPurchaseAt].some(
      (sale) => sale !== undefined && day(f, sale) === collected,
    );
  },
  product_given: (f) => f.request.product !== undefined,
  product_similar_to_purchases: (f) => {
    const wanted = f.request.product;
    const customer = f.subject.contact?.customer;
    if (!wanted || !customer || customer.kind === 'account' || !f.get('customer')) return false;
    const products = f.policy.doc.products;
    return customer.products.some(
      (bought) =>
        bought === wanted ||
        (products[bought]?.similar ?? []).includes(wanted) ||
        (products[wanted]?.similar ?? []).includes(bought),
    );
  },
  function_known: (f) => Boolean(f.subject.contact?.jobFunction?.trim()),
  function_mapped: (f) => functions(f).length > 0,
  // B1: the product × function table of the policy. One related function is enough (a "directeur administratif
  // et commercial" buys accounting software); a block needs every function of the title to be unrelated.
  relevant_to_function: (f) => relevances(f).includes('related'),
  unrelated_to_function: (f) => {
    const found = relevances(f);
    return found.length > 0 && found.every((relevance) => relevance === 'unrelated');
  },
  product_sectors: (f) => product(f)?.sectors ?? [],
  // What is offered decides, not the label: a message about a product promotes it (A4).
  purpose_commercial: (f) =>
    f.request.product !== undefined || !f.params.non_commercial_purposes.includes(f.request.purpose),
  retention_passed: (f) => {
    const contact = f.subject.contact;
    if (!contact) return false;
    const periods = { prospect: f.params.retention_prospect, customer: f.params.retention_customer };
    const deadline = retentionDeadline(contact, f.subject.interactions, periods, f.zone, f.now);
    f.flipAt(deadline);
    return deadline !== undefined && f.now >= deadline;
  },
} satisfies FactTable;
