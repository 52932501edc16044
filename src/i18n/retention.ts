import type { Lang } from './lang.ts';

/** Retention deadlines, reminders, purge and data-subject requests. */
export const retention = {
  // What a purge deletes now, in the same words wherever it is counted: scan, dry run, digest, button, App Home.
  retention_purge_set: {
    fr: '{contacts, plural, one {# contact} other {# contacts}} et {proofs, plural, one {# preuve de consentement} other {# preuves de consentement}}',
    en: '{contacts, plural, one {# contact} other {# contacts}} and {proofs, plural, one {# consent proof} other {# consent proofs}}',
  },
  retention_set_contacts: {
    fr: '{contacts, plural, one {# contact} other {# contacts}}',
    en: '{contacts, plural, one {# contact} other {# contacts}}',
  },
  retention_set_proofs: {
    fr: '{proofs, plural, one {# preuve de consentement} other {# preuves de consentement}}',
    en: '{proofs, plural, one {# consent proof} other {# consent proofs}}',
  },
  retention_overdue: { fr: '⛔ À purger maintenant : {set}', en: '⛔ To purge now: {set}' },
  retention_overdue_preview: { fr: '⛔ À purger à cette date : {set}', en: '⛔ To purge by then: {set}' },
  retention_week: { fr: '⚠️ Dans les 7 jours', en: '⚠️ Within 7 days' },
  retention_month: { fr: '🗓️ Dans les 30 jours', en: '🗓️ Within 30 days' },
  retention_lapsed: {
    fr: '📵 Consentements téléphoniques arrivés à leur fin (preuve conservée, plus d’appel sans nouvel accord)',
    en: '📵 Phone consents that ended (proof kept; no more calls without a new yes)',
  },
  retention_none: {
    fr: 'Aucune échéance de conservation dans les 30 jours.',
    en: 'No retention deadline in the next 30 days.',
  },
  retention_preview: {
    fr: '🔭 Aperçu au {date} ({zone}) : les échéances telles qu’elles seraient alors, avec ce qui est enregistré aujourd’hui. Aucune purge ne s’exécute avant l’heure réelle.',
    en: '🔭 Preview as of {date} ({zone}): the deadlines as they would stand then, with what is recorded today. No purge runs ahead of the real clock.',
  },
  retention_line: {
    fr: '{who} — {kind}, échéance {date}',
    en: '{who} — {kind}, deadline {date}',
  },
  retention_would_purge: {
    fr: 'serait purgé maintenant : {set} dont le délai est passé{rules} :',
    en: 'would purge now: {set} past their deadline{rules}:',
  },
  retention_purged_set: {
    fr: 'purgé : {set} ; supprimés en tout : {consents, plural, one {# consentement} other {# consentements}}, {interactions, plural, one {# interaction} other {# interactions}}, {decisions, plural, one {# décision} other {# décisions}} ; oppositions conservées',
    en: 'purged {set}; deleted in all: {consents, plural, one {# consent} other {# consents}}, {interactions, plural, one {# interaction} other {# interactions}}, {decisions, plural, one {# decision} other {# decisions}}; objections kept',
  },
  retention_stayed: {
    fr: 'conservé, car son échéance a bougé depuis la liste (achat, contact de sa part, renouvellement) : {who}',
    en: 'kept, as its deadline moved since the list (a purchase, a contact from them, a renewal): {who}',
  },
  retention_nothing_left: {
    fr: 'Plus rien à purger dans cette liste : déjà purgée, ou les échéances ont bougé depuis.',
    en: 'Nothing left to purge in this list: already purged, or the deadlines moved since.',
  },
  retention_list_changed: {
    fr: '⚠️ La liste a changé depuis qu’elle a été affichée (une échéance a bougé, une purge a eu lieu) : rien n’a été purgé. Voici ce qui serait purgé maintenant ; confirmez de nouveau.',
    en: '⚠️ The list changed since it was shown (a deadline moved, a purge ran): nothing was purged. Here is what would be purged now; confirm again.',
  },
  retention_purge_preparing: { fr: '⏳ Préparation de la liste…', en: '⏳ Preparing the list…' },
  retention_purging: { fr: '⏳ Purge en cours…', en: '⏳ Purging…' },
  retention_purge_title: { fr: 'Purge des données', en: 'Purge overdue data' },
  retention_purge_intro: {
    fr: 'Ces données ont dépassé leur délai de conservation et seront supprimées définitivement : *{set}*. Les oppositions sont conservées. Fuseau horaire : {zone}.',
    en: 'This data is past its retention deadline and will be deleted for good: *{set}*. Objections are kept. Time zone: {zone}.',
  },
  retention_purge_full_list: {
    fr: 'Liste complète : `prospect-guard retention purge --dry-run`',
    en: 'Full list: `prospect-guard retention purge --dry-run`',
  },
  problem_purge_not_now: {
    fr: '{field} : une purge s’exécute à l’heure réelle, maintenant, jamais à une autre date (« {value} ») : en avance, elle supprimerait ce qui n’est pas échu ; en arrière, elle ignorerait ce qui a fait repartir une échéance depuis. Pour voir une autre date, utilisez `retention scan --at` (un aperçu).',
    en: '{field}: a purge runs at the real clock, now, never at another date ("{value}"): ahead it would delete what is not due, behind it would miss what moved a deadline since. To see another date, use `retention scan --at` (a preview).',
  },
  retention_kind_prospect: { fr: 'prospect', en: 'prospect' },
  retention_kind_customer: { fr: 'client', en: 'customer' },
  'retention_kind_phone-consent': { fr: 'consentement téléphonique', en: 'phone consent' },
  'retention_kind_consent-proof': { fr: 'preuve de consentement', en: 'consent proof' },
  retention_no_owner: { fr: 'sans responsable', en: 'no owner' },
  retention_more: { fr: '… et {count, plural, one {# autre} other {# autres}}', en: '… and {count} more' },
  retention_digest_head: { fr: 'Conservation des données — {date}', en: 'Data retention — {date}' },
  retention_digest_policy: {
    fr: 'À l’échéance : {mode}. Les oppositions ne sont jamais purgées.',
    en: 'At the deadline: {mode}. Objections are never purged.',
  },
  retention_mode_auto: { fr: 'purge automatique', en: 'automatic purge' },
  retention_mode_confirm: {
    fr: 'purge sur confirmation de la conformité',
    en: 'purge once compliance confirms',
  },
  retention_button_purge_all: { fr: 'Purger {set}…', en: 'Purge {set}…' },
  retention_dm_head: {
    fr: 'Vos contacts arrivent à échéance de conservation : relancez-les, notez leur accord, ou purgez.',
    en: 'Your contacts reach their retention deadline: ask them again, record their yes, or purge.',
  },
  retention_button_repermission: { fr: 'Relance envoyée', en: 'Re-permission sent' },
  retention_button_renewed: { fr: 'Accord renouvelé', en: 'Renewed' },
  retention_button_purge: { fr: 'Purger', en: 'Purge now' },
  retention_confirm_purge: {
    fr: 'Supprimer définitivement ces données ? L’opposition éventuelle est conservée.',
    en: 'Delete this data for good? Any objection is kept.',
  },
  retention_repermission_done: {
    fr: '📨 Relance notée pour {who} ; l’échéance ne bouge qu’avec son accord explicite.',
    en: '📨 Re-permission request recorded for {who}; the deadline only moves with their explicit yes.',
  },
  retention_renewed_title: { fr: 'Accord renouvelé', en: 'Renewed' },
  field_renewal_proof: { fr: 'Preuve de son accord explicite', en: 'Proof of their explicit yes' },
  field_renewal_method: { fr: 'Comment a-t-il dit oui ?', en: 'How did they say yes?' },
  retention_renewed_done: {
    fr: '✅ Accord de {who} enregistré : le délai de conservation repart du {date}.',
    en: '✅ Yes from {who} recorded: the retention period restarts on {date}.',
  },
  retention_purged: {
    fr: '🗑️ Purgé : {contacts, plural, one {# contact} other {# contacts}}, {consents, plural, one {# consentement} other {# consentements}}, {interactions, plural, one {# interaction} other {# interactions}}, {decisions, plural, one {# décision} other {# décisions}}. Oppositions conservées.',
    en: '🗑️ Purged: {contacts, plural, one {# contact} other {# contacts}}, {consents, plural, one {# consent} other {# consents}}, {interactions, plural, one {# interaction} other {# interactions}}, {decisions, plural, one {# decision} other {# decisions}}. Objections kept.',
  },
  retention_gone: {
    fr: 'Ce contact n’existe plus (déjà purgé ?).',
    en: 'This contact no longer exists (already purged?).',
  },
  usage_privacy: {
    fr: 'Usage : `/privacy export alice@corp.fr` ou `/privacy erase alice@corp.fr`',
    en: 'Usage: `/privacy export alice@corp.fr` or `/privacy erase alice@corp.fr`',
  },
  privacy_export_done: {
    fr: '📦 Export de {who} envoyé dans votre messagerie avec l’application.',
    en: '📦 Export of {who} sent to your DM with the app.',
  },
  privacy_erase_confirm: {
    fr: 'Effacer {who} : contact, consentements, interactions et décisions. Seule une empreinte est gardée pour ne plus jamais le contacter.',
    en: 'Erase {who}: contact, consents, interactions and decisions. Only a keyed hash is kept so they are never contacted again.',
  },
  privacy_button_erase: { fr: 'Effacer', en: 'Erase' },
  privacy_erase_head: {
    fr: 'Demande d’effacement (RGPD art. 17) : {who}',
    en: 'Erasure request (GDPR art. 17): {who}',
  },
  privacy_erase_done: {
    fr: '✅ Effacé par {by} : {contacts, plural, one {# contact} other {# contacts}}, {consents, plural, one {# consentement} other {# consentements}}, {interactions, plural, one {# interaction} other {# interactions}}, {decisions, plural, one {# décision} other {# décisions}}. Empreinte d’opposition conservée.',
    en: '✅ Erased by {by}: {contacts, plural, one {# contact} other {# contacts}}, {consents, plural, one {# consent} other {# consents}}, {interactions, plural, one {# interaction} other {# interactions}}, {decisions, plural, one {# decision} other {# decisions}}. Objection hash kept.',
  },
} as const satisfies Record<string, Record<Lang, string>>;
