import type { Lang } from './lang.ts';

/** The third list of a campaign: recipients in review that a reviewer let through, group by group. */
export const campaignReview = {
  'campaign_status_approved-reviewed': {
    fr: '✅ Autorisés + vérifiés approuvés',
    en: '✅ Allowed + reviewed approved',
  },
  'campaign_event_group-reviewed': {
    fr: 'groupe « à vérifier » examiné et laissé passer par {who}',
    en: 'group in review looked at and let through by {who}',
  },
  'campaign_event_approved-reviewed': {
    fr: 'liste autorisés + vérifiés approuvée par {who}',
    en: 'allowed + reviewed list approved by {who}',
  },
  campaign_button_review_group: {
    fr: 'Examiné ({count}) : {title}',
    en: 'Reviewed ({count}): {title}',
  },
  campaign_review_confirm_title: { fr: 'Laisser passer ce groupe ?', en: 'Let this group through?' },
  campaign_review_confirm: {
    fr: 'Vous confirmez avoir examiné {count, plural, one {le destinataire} other {les # destinataires}} « à vérifier » pour « {title} » ({rule}) et les laisser passer. Votre nom est enregistré.',
    en: 'You confirm you have looked at {count, plural, one {the recipient} other {the # recipients}} in review for "{title}" ({rule}) and let them through. Your name is recorded.',
  },
  campaign_review_confirm_yes: { fr: 'Laisser passer', en: 'Let through' },
  campaign_review_confirm_no: { fr: 'Annuler', en: 'Cancel' },
  campaign_button_approve_reviewed: {
    fr: 'Approuver autorisés + vérifiés ({count})',
    en: 'Approve allowed + reviewed ({count})',
  },
  campaign_request_review_groups: {
    fr: 'Des destinataires sont « à vérifier » : un approbateur qui les a examinés peut laisser passer chaque groupe (motif par motif), puis approuver la liste des autorisés + vérifiés.',
    en: 'Some recipients need review: an approver who has looked at them can let each group through (one reason at a time), then approve the allowed + reviewed list.',
  },
  campaign_group_reviewed: {
    fr: '🔎 {who} a examiné et laissé passer le groupe « {title} » ({rule}) : {count, plural, one {# destinataire} other {# destinataires}}. Autorisés + vérifiés : {total}.',
    en: '🔎 {who} looked at and let through the group "{title}" ({rule}): {count, plural, one {# recipient} other {# recipients}}. Allowed + reviewed: {total}.',
  },
  campaign_reviewed_file_comment: {
    fr: 'Liste autorisés + vérifiés (les lignes du fichier vérifié, colonnes d’origine).',
    en: 'Allowed + reviewed list (the checked file’s rows, original columns).',
  },
  campaign_reviewed_file_missing: {
    fr: 'Le fichier vérifié n’est plus lisible dans Slack ({error}) : la liste autorisés + vérifiés n’a pas pu être écrite. Les groupes examinés restent enregistrés.',
    en: 'The checked file can no longer be read from Slack ({error}): the allowed + reviewed list could not be written. The reviewed groups stay recorded.',
  },
  campaign_approved_reviewed: {
    fr: '✅ Liste autorisés + vérifiés approuvée par {who} : {count, plural, one {# destinataire} other {# destinataires}} ({reviewed} après examen), politique {revision}.',
    en: '✅ Allowed + reviewed list approved by {who}: {count, plural, one {# recipient} other {# recipients}} ({reviewed} after review), policy {revision}.',
  },
  campaign_problem_not_in_review: {
    fr: 'Aucun groupe « à vérifier » sous ce motif dans cette vérification.',
    en: 'No group in review under this reason in this check.',
  },
  campaign_problem_already_reviewed: {
    fr: 'Ce groupe a déjà été examiné.',
    en: 'This group has already been reviewed.',
  },
  campaign_problem_nothing_reviewed: {
    fr: 'Aucun groupe « à vérifier » n’a encore été examiné : rien de plus que la liste nettoyée.',
    en: 'No group in review has been looked at yet: nothing beyond the cleaned list.',
  },
  problem_campaign_too_large: {
    fr: 'Cette liste demande plus que les {limit} Mo de mémoire réservés à une vérification : coupez-la en plusieurs listes.',
    en: 'This list needs more than the {limit} MB of memory set aside for a check: split it into several lists.',
  },
  problem_campaign_queue_full: {
    fr: 'Déjà {limit} vérifications de campagne en attente : réessayez dans quelques minutes.',
    en: 'Already {limit} campaign checks waiting: try again in a few minutes.',
  },
  campaign_queued: {
    fr: '⏳ En file d’attente : position {position}. La vérification commencera dès que les précédentes seront finies.',
    en: '⏳ Queued: position {position}. The check starts as soon as the ones before it are done.',
  },
  problem_campaign_list_changed: {
    fr: 'Ce fichier n’est pas celui qui a été vérifié (contenu différent) : relancez la vérification avec ce fichier.',
    en: 'This file is not the one that was checked (its content differs): check the campaign again with this file.',
  },
} as const satisfies Record<string, Record<Lang, string>>;
