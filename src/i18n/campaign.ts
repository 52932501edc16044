import type { Lang } from './lang.ts';

/** Campaign checks, reports and approvals. */
export const campaign = {
  campaign_no_template: {
    fr: 'Aucun message ni script fourni : rien ne prouve que le message porte les mentions obligatoires.',
    en: 'No message or script was given: nothing shows that it carries the mandatory mentions.',
  },
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
    fr: '✅ {allow, plural, one {# autorisé} other {# autorisés}} · ⚠️ {review} à vérifier · ⛔ {block, plural, one {# bloqué} other {# bloqués}}',
    en: '✅ {allow} allowed · ⚠️ {review} need review · ⛔ {block} blocked',
  },
  campaign_list: {
    fr: '{recipients, plural, one {# destinataire} other {# destinataires}} ({rows, plural, one {# ligne} other {# lignes}}, {duplicates, plural, one {# doublon compté} other {# doublons comptés}} une fois, {invalid, plural, one {# invalide} other {# invalides}})',
    en: '{recipients, plural, one {# recipient} other {# recipients}} ({rows, plural, one {# row} other {# rows}}, {duplicates, plural, one {# duplicate} other {# duplicates}} counted once, {invalid} invalid)',
  },
  campaign_invalid_lines: { fr: 'Lignes invalides : {lines}', en: 'Invalid lines: {lines}' },
  campaign_invalid_more: {
    fr: ' … et {count, plural, one {# autre} other {# autres}}',
    en: ' … and {count} more',
  },
  campaign_list_optouts: {
    fr: '⛔ {count, plural, one {# destinataire que le fichier dit désinscrit : bloqué} other {# destinataires que le fichier dit désinscrits : bloqués}} ; importez le fichier (import) pour enregistrer leur opposition.',
    en: '⛔ {count, plural, one {# recipient the file says unsubscribed: blocked} other {# recipients the file says unsubscribed: blocked}}; import the file (import) to record their objection.',
  },
  campaign_message_ok: {
    fr: '✅ Message : les mentions obligatoires sont là.',
    en: '✅ Message: the mandatory mentions are there.',
  },
  campaign_message_findings: { fr: '⛔ Message à corriger', en: '⛔ Message to fix' },
  campaign_wide: { fr: '⛔ Interdit pour toute la campagne', en: '⛔ Banned for the whole campaign' },
  campaign_groups: { fr: 'Par motif', en: 'By reason' },
  campaign_group_more: {
    fr: '… et {count, plural, one {# autre motif} other {# autres motifs}} (voir le fichier détaillé)',
    en: '… and {count, plural, one {# more reason} other {# more reasons}} (see the details file)',
  },
  campaign_examples: { fr: 'ex. {samples}', en: 'e.g. {samples}' },
  campaign_line_no: { fr: 'ligne {line}', en: 'line {line}' },
  campaign_audience_mismatch: {
    fr: '{count, plural, one {# destinataire n’est pas {audience} d’après son adresse : il a été jugé} other {# destinataires ne sont pas {audience} d’après leur adresse : ils ont été jugés}} selon leur adresse.',
    en: '{count, plural, one {# recipient is not {audience} by their address: they were} other {# recipients are not {audience} by their address: they were}} judged by their address.',
  },
  campaign_meta: {
    fr: 'Vérification {id} · politique {revision} · approbation possible jusqu’au {expires}',
    en: 'Check {id} · policy {revision} · may be approved until {expires}',
  },
  campaign_meta_nothing_to_approve: {
    fr: 'Vérification {id} · politique {revision} · rien à approuver : corrigez puis vérifiez à nouveau',
    en: 'Check {id} · policy {revision} · nothing to approve: fix it and check again',
  },
  campaign_meta_decided: {
    fr: 'Vérification {id} · politique {revision} · {status} : elle ne peut plus être approuvée',
    en: 'Check {id} · policy {revision} · {status}: it can no longer be approved',
  },
  campaign_meta_approved: {
    fr: 'Vérification {id} · politique {revision} · {status}',
    en: 'Check {id} · policy {revision} · {status}',
  },
  csv_column_line: { fr: 'ligne', en: 'line' },
  csv_column_recipient: { fr: 'destinataire', en: 'recipient' },
  csv_column_verdict: { fr: 'verdict', en: 'verdict' },
  csv_column_reason: { fr: 'motif', en: 'reason' },
  csv_column_rules: { fr: 'règles', en: 'rules' },
  csv_column_legal: { fr: 'base légale', en: 'legal basis' },
  csv_verdict_allow: { fr: 'autorisé', en: 'allowed' },
  csv_verdict_review: { fr: 'à vérifier', en: 'needs review' },
  csv_verdict_block: { fr: 'bloqué', en: 'blocked' },
  csv_verdict_invalid: { fr: 'invalide', en: 'invalid' },
  csv_verdict_duplicate: { fr: 'doublon', en: 'duplicate' },
  csv_reason_invalid: {
    fr: 'Adresse ou numéro illisible : corrigez la ligne.',
    en: 'Unreadable address or number: fix the row.',
  },
  csv_reason_empty: {
    fr: 'Pas d’adresse ni de numéro dans cette ligne.',
    en: 'No address or number on this row.',
  },
  csv_reason_duplicate: {
    fr: 'Même destinataire qu’une ligne plus haut : vérifié une seule fois.',
    en: 'Same recipient as a row above: checked once.',
  },
  campaign_list_empty: {
    fr: 'Aucune campagne vérifiée ne correspond.',
    en: 'No checked campaign matches.',
  },
  campaign_list_line: {
    fr: '{id}  {status}  « {name} » · {channel} · ✅ {allow} ⚠️ {review} ⛔ {block} · vérifiée le {checked} par {who}',
    en: '{id}  {status}  "{name}" · {channel} · ✅ {allow} ⚠️ {review} ⛔ {block} · checked {checked} by {who}',
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
    fr: '✅ Approuvée par {who}, telle que vérifiée : {count, plural, one {# destinataire} other {# destinataires}}, politique {revision}.',
    en: '✅ Approved by {who} as checked: {count, plural, one {# recipient} other {# recipients}}, policy {revision}.',
  },
  campaign_approved_cleaned: {
    fr: '✅ Liste nettoyée approuvée par {who} : {count, plural, one {le seul destinataire autorisé} other {les # destinataires autorisés seulement}}, politique {revision}.',
    en: '✅ Cleaned list approved by {who}: {count, plural, one {the one allowed recipient only} other {the # allowed recipients only}}, policy {revision}.',
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
  field_file: {
    fr: 'Destinataires : fichier CSV ou Excel (.xlsx, première feuille)',
    en: 'Recipients: CSV or Excel file (.xlsx, first sheet)',
  },
  field_pasted: { fr: 'ou destinataires collés (un par ligne)', en: 'or pasted recipients (one per line)' },
  error_no_recipients: {
    fr: 'Joignez un fichier CSV ou Excel, ou collez une liste.',
    en: 'Attach a CSV or Excel file, or paste a list.',
  },
  campaign_progress: {
    fr: '🔎 Vérification en cours : {done} sur {total} destinataires, environ {secondsLeft} s restantes. Le rapport sera publié dans le canal.',
    en: '🔎 Checking: {done} of {total} recipients, about {secondsLeft} s left. The report will be posted in the channel.',
  },
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
} as const satisfies Record<string, Record<Lang, string>>;
