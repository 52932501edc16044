/** How the command line names each field of a problem: its flag or argument. */
const FLAGS: Record<string, string> = {
  email: '--email',
  phone: '--phone',
  target: 'TARGET',
  channel: 'CHANNEL',
  purpose: '--purpose',
  product: '--product',
  audience: '--audience',
  addressKind: '--address-kind',
  department: '--department',
  source: '--source',
  collection: '--collection',
  collectedAt: '--collected-at',
  informedAt: '--informed-at',
  customerSince: '--customer-since',
  customerUntil: '--customer-until',
  relationship: '--relationship',
  lastPurchaseAt: '--last-purchase-at',
  products: '--products',
  owner: '--owner',
  at: '--at',
  until: '--until',
  slotStart: '--slot-start',
  slotEnd: '--slot-end',
  namesUs: '--names-us',
  method: '--method',
  wording: '--wording',
  evidence: '--evidence',
  type: '--type',
  start: '--start',
  end: '--end',
  file: 'FILE',
  template: '--template',
};

export function flagOf(field: string): string {
  return FLAGS[field] ?? field;
}
