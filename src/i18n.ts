/**
 * Every string the Slack app shows, in French and English. `{name}` placeholders are filled by `t`; values are
 * escaped by the caller when they go into mrkdwn.
 */
export type Lang = 'fr' | 'en';

const catalogue = {
  verdict_allow: { fr: '✅ Autorisé', en: '✅ Allowed' },
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
  problem_invalid_email: {
    fr: '« {detail} » n’est pas une adresse e-mail valide.',
    en: '"{detail}" is not a valid email address.',
  },
  problem_invalid_phone: {
    fr: '« {detail} » n’est pas un numéro de téléphone valide (exemple : +33 6 12 34 56 78).',
    en: '"{detail}" is not a valid phone number (e.g. +33 6 12 34 56 78).',
  },
  problem_missing_target: {
    fr: 'Il manque l’adresse e-mail ou le numéro.',
    en: 'The email address or phone number is missing.',
  },
  problem_not_email: {
    fr: '« {detail} » est un numéro : utilisez /can-i-sms ou /can-i-call.',
    en: '"{detail}" is a phone number: use /can-i-sms or /can-i-call.',
  },
  problem_not_phone: {
    fr: '« {detail} » est une adresse e-mail : utilisez /can-i-email.',
    en: '"{detail}" is an email address: use /can-i-email.',
  },
  problem_unknown_product: {
    fr: '« {detail} » n’est ni un produit ni une finalité connus. Produits : {products}. Finalités : {purposes}.',
    en: '"{detail}" is neither a known product nor a purpose. Products: {products}. Purposes: {purposes}.',
  },
  problem_unknown_channel: {
    fr: '« {detail} » n’est pas un canal ({channels}).',
    en: '"{detail}" is not a channel ({channels}).',
  },
  problem_unknown_contact: {
    fr: 'Cette personne n’est pas dans le registre : ajoutez-la d’abord.',
    en: 'This person is not in the register: add them first.',
  },
  problem_other: { fr: 'Entrée refusée : {detail}', en: 'Input refused: {detail}' },
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
    fr: '⛔ Opposition enregistrée pour {who} : {scope}. Elle est dans la liste d’opposition ({count} identifiant(s)) et bloque désormais toute prospection concernée.',
    en: '⛔ Objection recorded for {who}: {scope}. It is in the suppression list ({count} identifier(s)) and now blocks any prospecting it covers.',
  },
  optout_known: {
    fr: 'Contact connu : l’opposition couvre son e-mail et son téléphone.',
    en: 'Known contact: the objection covers their email and phone.',
  },
  optout_unknown: {
    fr: 'Personne inconnue du registre : seul son empreinte est gardée, pour la bloquer si elle est importée plus tard.',
    en: 'Not in the register: only a keyed hash is kept, so a later import stays blocked.',
  },

  consent_title: { fr: 'Consentement', en: 'Consent' },
  consent_submit: { fr: 'Enregistrer', en: 'Record' },
  cancel: { fr: 'Annuler', en: 'Cancel' },
  consent_person: { fr: 'Personne : {who}', en: 'Person: {who}' },
  field_action: { fr: 'Action', en: 'Action' },
  action_grant: { fr: 'Consentement donné', en: 'Consent given' },
  action_withdraw: { fr: 'Consentement retiré', en: 'Consent withdrawn' },
  field_channel: { fr: 'Canal', en: 'Channel' },
  field_purpose: { fr: 'Finalité', en: 'Purpose' },
  field_method: { fr: 'Comment a-t-il été recueilli ?', en: 'How was it collected?' },
  method_other: { fr: 'autre (non reconnu comme consentement)', en: 'other (not accepted as consent)' },
  field_wording: { fr: 'Version du texte présenté', en: 'Version of the wording shown' },
  field_evidence: { fr: 'Lien vers la preuve', en: 'Link to the evidence' },
  field_date: { fr: 'Date', en: 'Date' },
  field_until: { fr: 'Valable jusqu’au', en: 'Valid until' },
  error_wording_or_evidence: {
    fr: 'Un consentement sans preuve n’en est pas un : donnez la version du texte ou un lien vers la preuve.',
    en: 'A consent without proof is no consent: give the wording version or an evidence link.',
  },
  error_future_date: {
    fr: 'La date ne peut pas être dans le futur.',
    en: 'The date cannot be in the future.',
  },
  error_until_before: {
    fr: 'La fin de validité doit suivre la date du consentement.',
    en: 'The end of validity must come after the consent date.',
  },
  error_url: { fr: 'Un lien http(s)://… est attendu.', en: 'Expected an http(s)://… link.' },
  consent_done: {
    fr: '✅ {action} enregistré pour {who} ({channel}, {purpose}), avec sa preuve.',
    en: '✅ {action} recorded for {who} ({channel}, {purpose}), with its proof.',
  },
  done_title: { fr: 'C’est noté', en: 'Recorded' },
  close: { fr: 'Fermer', en: 'Close' },

  contact_title: { fr: 'Nouveau contact', en: 'New contact' },
  field_email: { fr: 'E-mail', en: 'Email' },
  field_phone: { fr: 'Téléphone', en: 'Phone' },
  field_name: { fr: 'Nom', en: 'Name' },
  field_company: { fr: 'Société', en: 'Company' },
  field_function: { fr: 'Fonction (ex. finance, rh, it)', en: 'Job function (e.g. finance, hr, it)' },
  field_audience: { fr: 'Professionnel ou particulier', en: 'Professional or consumer' },
  audience_auto: { fr: 'déduire de l’adresse', en: 'work it out from the address' },
  audience_b2b: { fr: 'professionnel (B2B)', en: 'professional (B2B)' },
  audience_b2c: { fr: 'particulier (B2C)', en: 'consumer (B2C)' },
  field_address_kind: { fr: 'Type d’adresse', en: 'Kind of address' },
  address_kind_auto: { fr: 'déduire de l’adresse', en: 'work it out from the address' },
  address_kind_personal: {
    fr: 'personnelle (règles des particuliers)',
    en: 'personal (consumer rules)',
  },
  address_kind_nominative: {
    fr: 'professionnelle nominative (une personne, même contact@ d’un indépendant)',
    en: 'professional, of one person (even the contact@ of a sole trader)',
  },
  address_kind_generic: {
    fr: 'générique d’entreprise (contact@, info@, personne désignée)',
    en: 'a company’s generic address (contact@, info@, nobody in particular)',
  },
  field_source: { fr: 'Origine des données', en: 'Where the data came from' },
  field_collected: { fr: 'Collecté le', en: 'Collected on' },
  field_informed: {
    fr: 'Notice d’information remise le',
    en: 'Information notice given on',
  },
  contact_done: {
    fr: '✅ Contact {who} enregistré. Vous pouvez reposer la question.',
    en: '✅ Contact {who} saved. You can ask again.',
  },

  prospect_head: { fr: '*Fiche de {who}*', en: '*What we hold on {who}*' },
  prospect_unknown: { fr: 'Rien dans le registre pour {who}.', en: 'Nothing in the register for {who}.' },
  prospect_identity: { fr: 'Identité', en: 'Identity' },
  prospect_provenance: { fr: 'Provenance', en: 'Provenance' },
  prospect_collected: {
    fr: '{source}, collecte {collection}, le {at}',
    en: '{source}, {collection} collection, on {at}',
  },
  prospect_informed: { fr: 'notice remise le {at}', en: 'notice given on {at}' },
  prospect_not_informed: { fr: 'aucune notice enregistrée', en: 'no notice recorded' },
  prospect_customer: { fr: 'Client depuis le {since}{until}', en: 'Customer since {since}{until}' },
  prospect_relationship_purchase: { fr: ' (achats ponctuels)', en: ' (one-off purchases)' },
  prospect_relationship_contract: { fr: ' (contrat en cours)', en: ' (contract)' },
  prospect_relationship_account: { fr: ' (compte sans achat)', en: ' (account, no purchase)' },
  prospect_last_purchase: { fr: ', dernier achat le {at}', en: ', last purchase on {at}' },
  prospect_address_kind: { fr: 'Type d’adresse (fixé à la main)', en: 'Kind of address (set by hand)' },
  prospect_customer_until: { fr: ' jusqu’au {at}', en: ' until {at}' },
  prospect_consents: { fr: 'Consentements', en: 'Consents' },
  prospect_none: { fr: 'aucun', en: 'none' },
  prospect_consent_line: {
    fr: '{action} · {channel} · {purpose} · le {at} · {method}{wording}{evidence}',
    en: '{action} · {channel} · {purpose} · on {at} · {method}{wording}{evidence}',
  },
  prospect_more: { fr: 'les {shown} plus récents sur {total}', en: 'the {shown} most recent of {total}' },
  prospect_objections: { fr: 'Oppositions', en: 'Objections' },
  prospect_objection_line: { fr: '{scope} depuis le {at}', en: '{scope} since {at}' },
  prospect_last_initiated: { fr: 'Dernier contact à son initiative', en: 'Last contact they initiated' },
  prospect_retention: { fr: 'Conservation jusqu’au', en: 'Keep until' },
  prospect_retention_customer: {
    fr: 'tant que la relation client dure',
    en: 'while the customer relationship lasts',
  },
  prospect_owner: { fr: 'Responsable', en: 'Owner' },

  home_title: { fr: 'prospect-guard', en: 'prospect-guard' },
  home_intro: {
    fr: 'Demandez avant de prospecter : je vous dis si c’est permis, pourquoi, et quoi faire.',
    en: 'Ask before you prospect: I tell you whether it is allowed, why, and what to do.',
  },
  home_may: { fr: 'Ce que vous pouvez faire', en: 'What you may do' },
  home_everyone: {
    fr: '• `/can-i-email`, `/can-i-sms`, `/can-i-call` : demander avant de contacter\n• `/optout` : enregistrer une opposition\n• `/campaign-check` : vérifier une campagne entière avant l’envoi\n• `/retention` : vos contacts qui arrivent à échéance de conservation',
    en: '• `/can-i-email`, `/can-i-sms`, `/can-i-call`: ask before contacting\n• `/optout`: log an objection\n• `/campaign-check`: check a whole campaign before sending\n• `/retention`: your contacts reaching their retention deadline',
  },
  home_role_yes: { fr: '✅ {role}', en: '✅ {role}' },
  home_role_no: { fr: '— {role} (non)', en: '— {role} (no)' },
  home_recent: { fr: 'Vos dernières questions', en: 'Your recent questions' },
  home_recent_none: { fr: 'Aucune question pour l’instant.', en: 'No questions yet.' },
  home_counts: { fr: 'Pour la conformité', en: 'For compliance' },
  home_counts_text: {
    fr: '*{contacts}* contacts · *{objections}* oppositions ce mois-ci · *{due}* échéances de conservation dans les 30 jours · *{overdue}* dépassées',
    en: '*{contacts}* contacts · *{objections}* objections this month · *{due}* retention deadlines in the next 30 days · *{overdue}* overdue',
  },
  home_policy: { fr: 'Politique {file}, révision {revision}', en: 'Policy {file}, revision {revision}' },

  campaign_status_checked: { fr: '🔎 Vérifiée', en: '🔎 Checked' },
  'campaign_status_awaiting-approval': { fr: '⏳ En attente d’approbation', en: '⏳ Awaiting approval' },
  campaign_status_approved: { fr: '✅ Approuvée', en: '✅ Approved' },
  'campaign_status_approved-cleaned': { fr: '✅ Liste nettoyée approuvée', en: '✅ Cleaned list approved' },
  campaign_status_rejected: { fr: '⛔ Refusée', en: '⛔ Rejected' },
  campaign_status_superseded: {
    fr: '↩️ Remplacée par une nouvelle vérification',
    en: '↩️ Replaced by a newer check',
  },
  campaign_event_superseded: {
    fr: 'remplacée par une nouvelle vérification de {who}',
    en: 'replaced by a newer check by {who}',
  },
  campaign_problem_superseded: {
    fr: 'Une vérification plus récente de cette campagne la remplace : décidez sur celle-là.',
    en: 'A newer check of this campaign replaces this one: decide on that one.',
  },
  campaign_head: { fr: 'Campagne « {name} »', en: 'Campaign "{name}"' },
  campaign_what: {
    fr: '{channel} · {product} · {audience} · {when}',
    en: '{channel} · {product} · {audience} · {when}',
  },
  campaign_from_to: { fr: 'du {start} au {end}', en: 'from {start} to {end}' },
  campaign_from: { fr: 'à partir du {start}', en: 'from {start}' },
  campaign_counts: {
    fr: '✅ {allow} autorisés · ⚠️ {review} à vérifier · ⛔ {block} bloqués',
    en: '✅ {allow} allowed · ⚠️ {review} need review · ⛔ {block} blocked',
  },
  campaign_list: {
    fr: '{recipients} destinataires ({rows} lignes, {duplicates} doublons comptés une fois, {invalid} invalides)',
    en: '{recipients} recipients ({rows} rows, {duplicates} duplicates counted once, {invalid} invalid)',
  },
  campaign_invalid_lines: { fr: 'Lignes invalides : {lines}', en: 'Invalid lines: {lines}' },
  campaign_message_ok: {
    fr: '✅ Message : les mentions obligatoires sont là.',
    en: '✅ Message: the mandatory mentions are there.',
  },
  campaign_message_findings: { fr: '⛔ Message à corriger', en: '⛔ Message to fix' },
  campaign_wide: { fr: '⛔ Interdit pour toute la campagne', en: '⛔ Banned for the whole campaign' },
  campaign_groups: { fr: 'Par motif', en: 'By reason' },
  campaign_group_more: {
    fr: '… et {count} autres motifs (voir le fichier détaillé)',
    en: '… and {count} more reasons (see the details file)',
  },
  campaign_examples: { fr: 'ex. {samples}', en: 'e.g. {samples}' },
  campaign_line_no: { fr: 'ligne {line}', en: 'line {line}' },
  campaign_audience_mismatch: {
    fr: '{count} destinataires ne sont pas {audience} d’après leur adresse : ils ont été jugés selon leur adresse.',
    en: '{count} recipients are not {audience} by their address: they were judged by their address.',
  },
  campaign_meta: {
    fr: 'Vérification {id} · politique {revision} · approbation possible jusqu’au {expires}',
    en: 'Check {id} · policy {revision} · may be approved until {expires}',
  },
  campaign_history: { fr: 'Historique', en: 'History' },
  campaign_event_checked: { fr: 'vérifiée par {who}', en: 'checked by {who}' },
  'campaign_event_approval-requested': {
    fr: 'approbation demandée par {who}',
    en: 'approval requested by {who}',
  },
  campaign_event_approved: { fr: 'approuvée par {who}', en: 'approved by {who}' },
  'campaign_event_approved-cleaned': {
    fr: 'liste nettoyée approuvée par {who}',
    en: 'cleaned list approved by {who}',
  },
  campaign_event_rejected: { fr: 'refusée par {who}', en: 'rejected by {who}' },
  campaign_button_request: { fr: 'Demander l’approbation', en: 'Request approval' },
  campaign_button_approve: { fr: 'Approuver', en: 'Approve' },
  campaign_button_approve_cleaned: {
    fr: 'Approuver la liste nettoyée ({count})',
    en: 'Approve the cleaned list ({count})',
  },
  campaign_button_reject: { fr: 'Refuser', en: 'Reject' },
  campaign_request_text: {
    fr: '{approvers} : {requester} demande l’approbation de « {name} ». {counts}',
    en: '{approvers}: {requester} asks for approval of "{name}". {counts}',
  },
  campaign_request_cleaned_only: {
    fr: 'Des destinataires sont bloqués : seule la liste nettoyée peut être approuvée.',
    en: 'Some recipients are blocked: only the cleaned list can be approved.',
  },
  campaign_approved: {
    fr: '✅ Approuvée par {who}, telle que vérifiée : {count} destinataires, politique {revision}.',
    en: '✅ Approved by {who} as checked: {count} recipients, policy {revision}.',
  },
  campaign_approved_cleaned: {
    fr: '✅ Liste nettoyée approuvée par {who} : les {count} destinataires autorisés seulement, politique {revision}.',
    en: '✅ Cleaned list approved by {who}: the {count} allowed recipients only, policy {revision}.',
  },
  campaign_rejected: { fr: '⛔ Refusée par {who} : {reason}', en: '⛔ Rejected by {who}: {reason}' },
  campaign_problem_four_eyes: {
    fr: 'Quatre yeux : qui a vérifié la campagne ou demandé son approbation ne peut pas la décider.',
    en: 'Four eyes: whoever checked the campaign or asked for approval cannot decide on it.',
  },
  campaign_problem_expired: {
    fr: 'Cette vérification a expiré : relancez /campaign-check.',
    en: 'This check has expired: run /campaign-check again.',
  },
  campaign_problem_policy_changed: {
    fr: 'La politique a changé depuis la vérification : relancez /campaign-check.',
    en: 'The policy changed since the check: run /campaign-check again.',
  },
  campaign_problem_blocking_findings: {
    fr: 'Des destinataires sont bloqués : approuvez la liste nettoyée ou corrigez la liste et revérifiez.',
    en: 'Some recipients are blocked: approve the cleaned list, or fix the list and check again.',
  },
  campaign_problem_template_findings: {
    fr: 'Le message ne porte pas les mentions obligatoires : corrigez-le et revérifiez.',
    en: 'The message lacks mandatory mentions: fix it and check again.',
  },
  campaign_problem_nothing_allowed: {
    fr: 'Aucun destinataire autorisé : rien à approuver.',
    en: 'No recipient is allowed: nothing to approve.',
  },
  campaign_problem_already_decided: {
    fr: 'Cette campagne a déjà été décidée.',
    en: 'This campaign has already been decided.',
  },
  campaign_problem_not_requested: {
    fr: 'L’approbation n’a pas été demandée.',
    en: 'Approval has not been requested.',
  },
  campaign_submit: { fr: 'Vérifier', en: 'Check' },
  campaign_modal_title: { fr: 'Vérifier une campagne', en: 'Check a campaign' },
  field_campaign_name: { fr: 'Nom de la campagne', en: 'Campaign name' },
  field_product: { fr: 'Catégorie de produit', en: 'Product category' },
  field_start: { fr: 'Début prévu', en: 'Planned start' },
  field_end: { fr: 'Fin prévue (campagnes longues)', en: 'Planned end (long campaigns)' },
  field_template: {
    fr: 'Message (avec « Objet : … ») ou script d’appel',
    en: 'Message (with "Subject: …") or call script',
  },
  field_file: { fr: 'Destinataires : fichier CSV', en: 'Recipients: CSV file' },
  field_pasted: { fr: 'ou destinataires collés (un par ligne)', en: 'or pasted recipients (one per line)' },
  error_no_recipients: {
    fr: 'Joignez un fichier CSV ou collez une liste.',
    en: 'Attach a CSV file or paste a list.',
  },
  error_end_before_start: { fr: 'La fin doit suivre le début.', en: 'The end must come after the start.' },
  campaign_checking: {
    fr: '🔎 Vérification en cours. Le rapport sera publié dans le canal, avec le détail en fil.',
    en: '🔎 Checking. The report will be posted in the channel, with the details in its thread.',
  },
  campaign_files_comment: {
    fr: 'Détail par destinataire, et liste nettoyée (autorisés seulement).',
    en: 'Details per recipient, and the cleaned list (allowed recipients only).',
  },
  campaign_report_failed: {
    fr: 'Le rapport n’a pas pu être publié dans ce canal ({error}) ; invitez l’application puis relancez. Vérification {id} enregistrée.',
    en: 'The report could not be posted in that channel ({error}); invite the app and try again. Check {id} is saved.',
  },
  campaign_file_failed: {
    fr: 'Le fichier n’a pas pu être lu ({error}).',
    en: 'The file could not be read ({error}).',
  },
  reject_title: { fr: 'Refuser la campagne', en: 'Reject the campaign' },
  field_reason: { fr: 'Motif du refus', en: 'Reason for rejecting' },
  nobody_approves: {
    fr: 'personne (aucun approbateur dans la politique)',
    en: 'nobody (no approver in the policy)',
  },

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
  retention_more: { fr: '… et {count} autres', en: '… and {count} more' },
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
  retention_button_purge_all: { fr: 'Purger les {count} dépassés', en: 'Purge the {count} overdue' },
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
    fr: '🗑️ Purgé : {contacts} contact(s), {consents} consentement(s), {interactions} interaction(s), {decisions} décision(s). Oppositions conservées.',
    en: '🗑️ Purged: {contacts} contact(s), {consents} consent(s), {interactions} interaction(s), {decisions} decision(s). Objections kept.',
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
    fr: '✅ Effacé par {by} : {contacts} contact(s), {consents} consentement(s), {interactions} interaction(s), {decisions} décision(s). Empreinte d’opposition conservée.',
    en: '✅ Erased by {by}: {contacts} contact(s), {consents} consent(s), {interactions} interaction(s), {decisions} decision(s). Objection hash kept.',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof catalogue;

export function t(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return catalogue[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

export function hasMessage(key: string): key is MessageKey {
  return key in catalogue;
}

/** Slack locales look like fr-FR, en-GB; anything else falls back to the policy's default language. */
export function langOfLocale(locale: string | undefined, fallback: Lang): Lang {
  const prefix = locale?.slice(0, 2).toLowerCase();
  return prefix === 'fr' || prefix === 'en' ? prefix : fallback;
}
