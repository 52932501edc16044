import type { Lang } from './lang.ts';

/** Checking an approved campaign again at send time: who to drop since the approval, and the fresh list. */
export const campaignRecheck = {
  campaign_event_rechecked: {
    fr: 'vérifiée à nouveau par {who} : {dropped, plural, =0 {personne à retirer} one {# destinataire à retirer} other {# destinataires à retirer}}, {allowed, plural, one {# encore autorisé} other {# encore autorisés}}',
    en: 'checked again by {who}: {dropped, plural, =0 {nobody to drop} one {# recipient to drop} other {# recipients to drop}}, {allowed} still allowed',
  },
  campaign_button_recheck: { fr: 'Vérifier à nouveau avant l’envoi', en: 'Check again before sending' },
  campaign_recheck_head: {
    fr: '🔁 Vérifiée à nouveau par {who} le {at} (registre et politique du moment) : {allowed, plural, one {# destinataire sur {approved} encore autorisé} other {# destinataires sur {approved} encore autorisés}}.',
    en: '🔁 Checked again by {who} on {at} (the register and policy of now): {allowed} of {approved} {approved, plural, one {recipient} other {recipients}} still allowed.',
  },
  campaign_recheck_none: {
    fr: '✅ Personne à retirer depuis l’approbation : la liste approuvée reste valable.',
    en: '✅ Nobody to drop since approval: the approved list still holds.',
  },
  campaign_recheck_drops: {
    fr: '⛔ {count, plural, one {# destinataire à retirer maintenant} other {# destinataires à retirer maintenant}} :',
    en: '⛔ {count, plural, one {# recipient to drop now} other {# recipients to drop now}}:',
  },
  campaign_recheck_replaced: {
    fr: 'La liste nettoyée précédente n’est plus valable : elle est retirée du fil. Envoyez seulement à la liste à jour.',
    en: 'The previous cleaned list no longer holds: it is withdrawn from the thread. Send to the updated list only.',
  },
  campaign_recheck_file_comment: {
    fr: 'Liste à jour ({at}) : {count, plural, one {# destinataire encore autorisé} other {# destinataires encore autorisés}}.',
    en: 'Updated list ({at}): {count} {count, plural, one {recipient} other {recipients}} still allowed.',
  },
  campaign_recheck_file_title: { fr: '{name} — liste à jour du {at}', en: '{name} — updated list of {at}' },
  campaign_recheck_withdraw_failed: {
    fr: '⚠️ Une ancienne liste n’a pas pu être retirée du fil ({error}) : ne l’utilisez plus.',
    en: '⚠️ An older list could not be withdrawn from the thread ({error}): do not use it any more.',
  },
  campaign_recheck_file_failed: {
    fr: '⚠️ La liste à jour n’a pas pu être partagée ({error}) : vérifiez à nouveau avant d’envoyer.',
    en: '⚠️ The updated list could not be shared ({error}): check again before sending.',
  },
  campaign_recheck_report: {
    fr: '🔁 Dernière vérification avant envoi : {at}, {allowed} sur {approved} encore autorisés.',
    en: '🔁 Latest check before sending: {at}, {allowed} of {approved} still allowed.',
  },
  campaign_recheck_report_replaced: {
    fr: 'La liste nettoyée de la vérification ne vaut plus : seule la liste à jour du {at} peut servir.',
    en: 'The cleaned list of the check no longer holds: only the updated list of {at} may be used.',
  },
  campaign_recheck_cli_file: {
    fr: 'Liste à jour écrite dans {file} ({count, plural, one {# destinataire} other {# destinataires}}).',
    en: 'Updated list written to {file} ({count} {count, plural, one {recipient} other {recipients}}).',
  },
  campaign_recheck_erased_person: { fr: '(effacé)', en: '(erased)' },
  campaign_recheck_cli_line: {
    fr: '  ligne {line} · {target} · {reason}',
    en: '  line {line} · {target} · {reason}',
  },
  campaign_drop_erased: {
    fr: '{count, plural, one {# a été effacé} other {# ont été effacés}} à leur demande (RGPD art. 17)',
    en: '{count} {count, plural, one {was} other {were}} erased at their request (GDPR art. 17)',
  },
  campaign_drop_objected: {
    fr: '{count, plural, one {# destinataire s’est opposé} other {# destinataires se sont opposés}} depuis l’approbation (RGPD art. 21(3), CPCE L.34-5)',
    en: '{count, plural, one {# recipient} other {# recipients}} objected since approval (GDPR art. 21(3), CPCE L.34-5)',
  },
  campaign_drop_withdrawn: {
    fr: '{count, plural, one {# a retiré son consentement} other {# ont retiré leur consentement}} depuis l’approbation (RGPD art. 7(3))',
    en: '{count} withdrew their consent since approval (GDPR art. 7(3))',
  },
  campaign_drop_retention: {
    fr: '{count, plural, one {# a dépassé son délai de conservation} other {# ont dépassé leur délai de conservation}} (RGPD art. 5(1)(e))',
    en: '{count} passed their retention deadline (GDPR art. 5(1)(e))',
  },
  campaign_drop_policy: {
    fr: '{count, plural, one {# n’est plus autorisé} other {# ne sont plus autorisés}} par la politique en vigueur',
    en: '{count} {count, plural, one {is} other {are}} no longer allowed by the policy in force',
  },
  campaign_drop_removed: {
    fr: '{count, plural, one {# n’est plus dans le registre} other {# ne sont plus dans le registre}} (purgés ou supprimés)',
    en: '{count} {count, plural, one {is} other {are}} no longer in the register (purged or deleted)',
  },
  campaign_drop_changed: {
    fr: '{count, plural, one {# n’est plus autorisé} other {# ne sont plus autorisés}} d’après ce qui a été enregistré depuis',
    en: '{count} {count, plural, one {is} other {are}} no longer allowed by what was recorded since',
  },
  campaign_drop_reason_erased: { fr: 'effacé à sa demande', en: 'erased at their request' },
  campaign_drop_reason_objected: { fr: 's’est opposé depuis l’approbation', en: 'objected since approval' },
  campaign_drop_reason_withdrawn: { fr: 'a retiré son consentement', en: 'withdrew their consent' },
  campaign_drop_reason_retention: { fr: 'délai de conservation dépassé', en: 'retention deadline passed' },
  campaign_drop_reason_policy: { fr: 'la politique a changé', en: 'the policy changed' },
  campaign_drop_reason_removed: { fr: 'n’est plus dans le registre', en: 'no longer in the register' },
  campaign_drop_reason_changed: { fr: 'enregistré depuis', en: 'recorded since' },
  problem_campaign_not_approved: {
    fr: 'La campagne « {value} » n’est pas approuvée : rien ne peut lui être envoyé.',
    en: 'Campaign "{value}" is not approved: nothing may be sent for it.',
  },
  problem_campaign_over: {
    fr: 'La période prévue de la campagne « {value} » est finie : vérifiez-la à nouveau pour un nouvel envoi.',
    en: 'The planned period of campaign "{value}" is over: check it again for a new send.',
  },
  problem_campaign_list_not_kept: {
    fr: 'La liste vérifiée de la campagne « {value} » n’est pas conservée : donnez le fichier vérifié (--list).',
    en: 'The checked list of campaign "{value}" is not kept: give the checked file (--list).',
  },
  campaign_recheck_cli_told: {
    fr: 'Le fil de la campagne dans Slack en est informé.',
    en: 'The campaign’s thread in Slack is told.',
  },
  campaign_recheck_cli_not_told_no_app: {
    fr: 'Le fil de la campagne dans Slack n’en est pas informé : l’app n’est pas lancée. Relancez cette commande pendant qu’elle tourne, ou utilisez « Vérifier à nouveau avant l’envoi » dans le fil.',
    en: 'The campaign’s thread in Slack is not told: the app is not running. Run this command again while it runs, or press "Check again before sending" in the thread.',
  },
  campaign_recheck_cli_not_told_many: {
    fr: 'Le fil de la campagne dans Slack n’en est pas informé : avec plusieurs espaces de travail, seul « Vérifier à nouveau avant l’envoi » dans le fil l’informe.',
    en: 'The campaign’s thread in Slack is not told: with many workspaces, only "Check again before sending" in the thread tells it.',
  },
  campaign_recheck_cli_not_told_failed: {
    fr: 'Le fil de la campagne dans Slack n’en est pas informé : Slack n’a pas répondu (voir le journal de l’app). Utilisez « Vérifier à nouveau avant l’envoi » dans le fil.',
    en: 'The campaign’s thread in Slack is not told: Slack did not answer (see the app’s log). Press "Check again before sending" in the thread.',
  },
  problem_campaign_list_not_checked: {
    fr: '{field} : ce fichier n’est pas la liste vérifiée pour la campagne « {value} » (son contenu diffère) : donnez le fichier vérifié tel quel, ou vérifiez la campagne à nouveau avec celui-ci.',
    en: '{field}: this file is not the list checked for campaign "{value}" (its content differs): give the checked file as it was, or check the campaign again with this one.',
  },
} as const satisfies Record<string, Record<Lang, string>>;
