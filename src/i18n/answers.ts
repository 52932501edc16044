import type { Lang } from './lang.ts';

/** The answer to a question, its buttons, and the refusals and problems people may meet. */
export const answers = {
  verdict_allow: { fr: '✅ Autorisé', en: '✅ Allowed' },
  shortcut_title: {
    fr: '{count, plural, one {La personne de ce message} other {Les # personnes de ce message}} (visible par vous seul) :',
    en: '{count, plural, one {The person in this message} other {The # people in this message}} (only you can see this):',
  },
  shortcut_nobody: {
    fr: 'Aucune adresse e-mail ni numéro de téléphone dans ce message.',
    en: 'No email address or phone number in this message.',
  },
  shortcut_channel_email: { fr: 'e-mail', en: 'email' },
  shortcut_channel_phone: { fr: 'appel', en: 'call' },
  verdict_review: { fr: '⚠️ À vérifier', en: '⚠️ Needs review' },
  verdict_block: { fr: '⛔ Bloqué', en: '⛔ Blocked' },
  channel_email: { fr: 'e-mail', en: 'email' },
  channel_sms: { fr: 'SMS', en: 'SMS' },
  channel_messaging: { fr: 'messagerie', en: 'messaging' },
  'channel_automated-call': { fr: 'appel automatisé', en: 'automated call' },
  channel_phone: { fr: 'appel', en: 'phone call' },
  channel_post: { fr: 'courrier', en: 'post' },
  channel_all: { fr: 'tous les canaux', en: 'every channel' },
  answer_head: { fr: '*{verdict}* — {channel} → {who}', en: '*{verdict}* — {channel} → {who}' },
  answer_for: { fr: 'pour {product}', en: 'for {product}' },
  unknown_contact: {
    fr: "Cette personne n'est pas dans le registre. Pour la prospecter il faut, pour un particulier, son consentement préalable ; pour un professionnel, lui avoir remis la notice d'information (avec le droit d'opposition) et lui proposer une offre en rapport avec sa fonction.",
    en: 'This person is not in the register. To prospect them you need, for a consumer, their prior consent; for a professional, to have given them the information notice (with the right to object) and an offer related to their job.',
  },
  why: { fr: 'Pourquoi', en: 'Why' },
  todo: { fr: 'À faire', en: 'What to do' },
  unverified: { fr: 'règle non vérifiée', en: 'unverified rule' },
  next_window: { fr: "Prochaine plage d'appel : {at}", en: 'Next calling window: {at}' },
  changes_at: { fr: 'La réponse peut changer le {at}', en: 'The answer may change on {at}' },
  policy_revision: { fr: 'politique {revision}', en: 'policy {revision}' },
  button_consent: { fr: 'Enregistrer un consentement', en: 'Record consent' },
  button_objection: { fr: 'Enregistrer une opposition', en: 'Log an objection' },
  button_contact: { fr: 'Voir le contact', en: 'See the contact' },
  button_add_contact: { fr: 'Ajouter le contact', en: 'Add the contact' },
  confirm_objection_title: { fr: 'Opposition', en: 'Objection' },
  confirm_objection_text: {
    fr: 'La personne s’oppose à la prospection : elle sera bloquée sur tous les canaux.',
    en: 'The person objects to prospecting: they will be blocked on every channel.',
  },
  confirm_yes: { fr: 'Enregistrer', en: 'Record it' },
  confirm_no: { fr: 'Annuler', en: 'Cancel' },

  usage_can_i: {
    fr: 'Usage : `{command} {example} [produit ou finalité]`, par exemple `{command} {example} accounting-software`',
    en: 'Usage: `{command} {example} [product or purpose]`, e.g. `{command} {example} accounting-software`',
  },
  usage_consent: {
    fr: 'Usage : `/consent alice@corp.fr` ou `/consent +33 6 12 34 56 78`',
    en: 'Usage: `/consent alice@corp.fr` or `/consent +33 6 12 34 56 78`',
  },
  usage_optout: {
    fr: 'Usage : `/optout alice@corp.fr [canal]` (canal : {channels} ; tous par défaut)',
    en: 'Usage: `/optout alice@corp.fr [channel]` (channel: {channels}; all by default)',
  },
  usage_prospect: { fr: 'Usage : `/prospect alice@corp.fr`', en: 'Usage: `/prospect alice@corp.fr`' },
  cli_verdict_allow: { fr: '✅ AUTORISÉ', en: '✅ ALLOWED' },
  cli_verdict_review: { fr: '⚠️  À VÉRIFIER', en: '⚠️  NEEDS REVIEW' },
  cli_verdict_block: { fr: '⛔ BLOQUÉ', en: '⛔ BLOCKED' },
  cli_why: { fr: 'Pourquoi', en: 'Why' },
  cli_todo: { fr: 'À faire', en: 'What to do' },
  cli_unknown: { fr: 'inconnu du registre', en: 'not in the register' },
  cli_next_window: { fr: "Prochaine plage d'appel", en: 'Next calling window' },
  window_callee_time: {
    fr: '{at} ({time}, heure locale de la personne appelée)',
    en: "{at} ({time}, the callee's local time)",
  },
  cli_changes: { fr: 'La réponse peut changer le', en: 'The answer may change on' },
  cli_unverified: { fr: 'règle non vérifiée', en: 'unverified rule' },
  cli_revision: { fr: 'politique', en: 'policy' },
  access_refused_guest: {
    fr: 'Les invités de l’espace de travail ne peuvent pas utiliser prospect-guard (la politique ne l’autorise pas). Demandez à un membre de l’équipe.',
    en: 'Guests of the workspace cannot use prospect-guard (the policy does not allow it). Ask a member of the team.',
  },
  access_refused_deleted: {
    fr: 'Ce compte est désactivé : prospect-guard ne lui répond pas.',
    en: 'This account is deactivated: prospect-guard does not answer it.',
  },
  access_refused_external: {
    fr: 'prospect-guard ne répond qu’aux membres de cette organisation, pas aux personnes d’une autre organisation (Slack Connect).',
    en: 'prospect-guard answers members of this organisation only, not people from another organisation (Slack Connect).',
  },
  access_refused_unknown: {
    fr: 'Slack ne connaît pas ce compte : prospect-guard ne répond qu’aux membres de l’espace de travail. Rien n’a été fait.',
    en: 'Slack does not know this account: prospect-guard answers members of the workspace only. Nothing was done.',
  },
  access_refused_unverified: {
    fr: 'Slack n’a pas pu confirmer qui vous êtes (Slack ne répond pas). Rien n’a été fait ; réessayez dans une minute.',
    en: 'Slack could not confirm who you are (Slack is not answering). Nothing was done; try again in a minute.',
  },
  no_basis_title: { fr: 'Aucune base légale', en: 'No legal basis' },
  problem_store_unavailable: {
    fr: 'Non enregistré : la base du registre ne répond pas (arrêtée ou en redémarrage). Rien n’a changé ; réessayez dans un instant, et prévenez l’équipe si cela dure.',
    en: 'Not recorded: the register’s database is not answering (stopped or restarting). Nothing changed; try again in a moment, and tell the team if it lasts.',
  },
  problem_not_recorded: {
    fr: 'Non enregistré : le disque du registre a refusé l’écriture (plein ?). Rien n’a changé ; réessayez quand il aura de la place, et prévenez l’équipe.',
    en: 'Not recorded: the register’s disk refused the write (full?). Nothing changed; try again once it has room, and tell the team.',
  },
  problem_internal: {
    fr: 'Une erreur interne est survenue ; rien n’a été enregistré. Réessayez ou prévenez l’équipe conformité.',
    en: 'Something went wrong inside prospect-guard; nothing was recorded. Try again or tell the compliance team.',
  },
  slack_busy: {
    fr: 'Slack limite les appels en ce moment : réessayez dans {seconds} s.',
    en: 'Slack is rate-limiting the app right now: try again in {seconds} s.',
  },
  slack_failed: { fr: 'Slack a refusé l’appel ({error}).', en: 'Slack refused the call ({error}).' },

  refused_role: {
    fr: '⛔ Réservé au rôle *{role}* de la politique ({members}). Votre tentative a été journalisée.',
    en: '⛔ Reserved to the policy role *{role}* ({members}). Your attempt was logged.',
  },
  nobody: { fr: 'personne pour l’instant', en: 'nobody yet' },
  role_record_consent: { fr: 'enregistrer les consentements', en: 'record consent' },
  role_see_contacts: { fr: 'voir les contacts', en: 'see contacts' },
  role_approve_campaigns: { fr: 'approuver les campagnes', en: 'approve campaigns' },
  role_purge: { fr: 'purger les données', en: 'purge data' },
  role_privacy_requests: { fr: 'traiter les demandes RGPD', en: 'answer data-subject requests' },

  optout_done: {
    fr: '⛔ Opposition enregistrée pour {who} : {scope}. Elle est dans la liste d’opposition ({count, plural, one {# identifiant} other {# identifiants}}) et bloque désormais toute prospection concernée.',
    en: '⛔ Objection recorded for {who}: {scope}. It is in the suppression list ({count, plural, one {# identifier} other {# identifiers}}) and now blocks any prospecting it covers.',
  },
  optout_known: {
    fr: 'Contact connu : l’opposition couvre {ids}.',
    en: 'Known contact: the objection covers {ids}.',
  },
  optout_unknown: {
    fr: 'Personne inconnue du registre : seul son empreinte est gardée, pour la bloquer si elle est importée plus tard.',
    en: 'Not in the register: only a keyed hash is kept, so a later import stays blocked.',
  },
} as const satisfies Record<string, Record<Lang, string>>;
