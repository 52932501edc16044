import type { Lang } from './lang.ts';

/** Retention deadlines, reminders, purge and data-subject requests. */
export const retention = {
  retention_overdue: { fr: '⛔ Échéance dépassée', en: '⛔ Overdue' },
  retention_week: { fr: '⚠️ Dans les 7 jours', en: '⚠️ Within 7 days' },
  retention_month: { fr: '🗓️ Dans les 30 jours', en: '🗓️ Within 30 days' },
  retention_none: {
    fr: 'Aucune échéance de conservation dans les 30 jours.',
    en: 'No retention deadline in the next 30 days.',
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
  retention_button_purge_all: {
    fr: '{count, plural, one {Purger le dépassé} other {Purger les # dépassés}}',
    en: 'Purge the {count} overdue',
  },
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
