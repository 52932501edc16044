import type { Lang } from './lang.ts';

/**
 * The access report a person reads (`privacy export --format html|pdf`): GDPR art. 15(1)(a)-(h) and 15(3), with
 * what art. 13 and 14 tell (the controller, the legal bases, the source), in plain words; CNIL, « Le droit
 * d'accès » (https://www.cnil.fr/fr/professionnels-comment-repondre-une-demande-de-droit-dacces).
 */
export const accessReport = {
  access_title: {
    fr: 'Vos données personnelles chez {controller}',
    en: 'Your personal data held by {controller}',
  },
  access_subtitle: {
    fr: 'Réponse à votre demande d’accès (article 15 du RGPD), établie le {date}. Les dates et heures sont celles de {city}.',
    en: 'Answer to your access request (GDPR article 15), made on {date}. Dates and times are {city} time.',
  },
  access_intro: {
    fr: 'Vous nous avez demandé quelles données nous détenons sur vous. Voici tout ce que notre registre de prospection contient à votre sujet : d’où cela vient, pourquoi nous l’utilisons, combien de temps nous le gardons, qui y a accès, et comment exercer vos droits.',
    en: 'You asked us what data we hold about you. Here is everything our prospecting register holds about you: where it came from, why we use it, how long we keep it, who can see it, and how to exercise your rights.',
  },
  access_not_found: {
    fr: 'Nous ne détenons aucune fiche à votre nom pour {who}.',
    en: 'We hold no record about you for {who}.',
  },
  access_not_found_kept: {
    fr: 'Nous gardons seulement une empreinte chiffrée de cette coordonnée, avec vos oppositions et retraits ci-dessous, pour ne plus vous solliciter : elle ne permet pas de vous contacter.',
    en: 'We keep only an encrypted fingerprint of it, with your objections and withdrawals below, so as never to approach you again: it cannot be used to contact you.',
  },

  access_h_controller: { fr: 'Qui traite vos données', en: 'Who processes your data' },
  access_controller: {
    fr: 'Responsable du traitement : {name}, {address}.',
    en: 'Controller: {name}, {address}.',
  },
  access_dpo: {
    fr: 'Délégué à la protection des données : {dpo}.',
    en: 'Data protection officer: {dpo}.',
  },

  access_h_data: { fr: 'Les données que nous détenons', en: 'The data we hold' },
  access_name: { fr: 'Nom', en: 'Name' },
  access_company: { fr: 'Société', en: 'Company' },
  access_function: { fr: 'Fonction', en: 'Job' },
  access_emails: { fr: 'Adresse e-mail', en: 'Email address' },
  access_phones: { fr: 'Téléphone', en: 'Phone' },
  access_audience: { fr: 'Catégorie', en: 'Category' },
  access_department: { fr: 'Département', en: 'Département' },
  access_customer: { fr: 'Relation client', en: 'Customer relationship' },
  access_customer_since: { fr: 'client depuis le {since}', en: 'customer since {since}' },
  access_customer_until: { fr: 'jusqu’au {until}', en: 'until {until}' },
  access_last_purchase: { fr: 'dernier achat le {at}', en: 'last purchase on {at}' },
  access_products: { fr: 'Produits achetés', en: 'Products bought' },
  access_recorded: { fr: 'Enregistré dans le registre le', en: 'Recorded in the register on' },
  access_former: {
    fr: '{count, plural, one {# ancienne coordonnée gardée} other {# anciennes coordonnées gardées}} seulement sous forme d’empreinte chiffrée, pour que vos oppositions s’y appliquent encore : on ne peut plus vous joindre par là.',
    en: '{count, plural, one {# former address or number kept} other {# former addresses or numbers kept}} only as an encrypted fingerprint, so that your objections still apply to them: they cannot be used to reach you.',
  },
  access_interactions: { fr: 'Échanges enregistrés', en: 'Exchanges recorded' },
  access_interaction_line: { fr: '{type}, le {at}', en: '{type}, on {at}' },
  access_decisions: {
    fr: 'Vérifications faites avant de vous solliciter',
    en: 'Checks made before approaching you',
  },
  access_decision_line: {
    fr: 'le {at}, par {channel} : {verdict}',
    en: 'on {at}, by {channel}: {verdict}',
  },
  access_verdict_allow: { fr: 'sollicitation permise', en: 'approach allowed' },
  access_verdict_review: { fr: 'à examiner par une personne', en: 'to be reviewed by a person' },
  access_verdict_block: { fr: 'sollicitation refusée', en: 'approach refused' },
  event_click: { fr: 'clic dans un de nos messages', en: 'a click in one of our messages' },
  event_reply: { fr: 'réponse de votre part', en: 'a reply from you' },
  event_form: { fr: 'formulaire rempli', en: 'a form you filled in' },
  'event_inbound-call': { fr: 'appel de votre part', en: 'a call from you' },
  event_meeting: { fr: 'rendez-vous', en: 'a meeting' },
  'event_callback-request': { fr: 'demande de rappel', en: 'a callback request' },
  event_open: { fr: 'ouverture d’un de nos e-mails', en: 'one of our emails opened' },
  'event_call-attempt': { fr: 'appel de notre part', en: 'a call from us' },
  'event_automated-call-attempt': { fr: 'appel automatisé de notre part', en: 'an automated call from us' },
  'event_call-refusal': { fr: 'refus exprimé pendant un appel', en: 'a refusal during a call' },

  access_h_sources: { fr: 'D’où viennent ces données', en: 'Where this data came from' },
  access_source_line: {
    fr: '{source}, collecte {collection}, le {at} ; {informed}',
    en: '{source}, {collection} collection, on {at}; {informed}',
  },
  access_source_informed: {
    fr: 'information sur la prospection et sur votre droit d’opposition donnée le {at}',
    en: 'notice of the prospecting and of your right to object given on {at}',
  },
  access_source_not_informed: {
    fr: 'aucune remise de cette information n’est enregistrée',
    en: 'no such notice is on record',
  },
  access_no_source: {
    fr: 'L’origine de ces données n’est pas enregistrée.',
    en: 'Where this data came from is not on record.',
  },

  access_h_purposes: { fr: 'Pourquoi nous les utilisons', en: 'Why we use it' },
  access_purpose: {
    fr: 'Finalité : la prospection commerciale, c’est-à-dire vous présenter nos offres, et vérifier avant chaque sollicitation que la loi la permet.',
    en: 'Purpose: direct marketing, that is presenting our offers to you, and checking before each approach that the law allows it.',
  },
  access_bases_intro: {
    fr: 'Base légale, canal par canal :',
    en: 'Legal basis, channel by channel:',
  },
  access_basis_line: { fr: '{channel} ({who}) : {basis}', en: '{channel} ({who}): {basis}' },
  access_basis_purpose_line: {
    fr: '{purpose}, {channel} ({who}) : {basis}',
    en: '{purpose}, {channel} ({who}): {basis}',
  },
  access_basis_consent: {
    fr: 'votre consentement (RGPD art. 6(1)(a)), donné le {at}.',
    en: 'your consent (GDPR art. 6(1)(a)), given on {at}.',
  },
  access_basis_legitimate_interest: {
    fr: 'notre intérêt légitime à vous présenter nos offres (RGPD art. 6(1)(f)) ; vous pouvez vous y opposer à tout moment.',
    en: 'our legitimate interest in presenting our offers to you (GDPR art. 6(1)(f)); you may object at any time.',
  },
  access_basis_soft_opt_in: {
    fr: 'en tant que client, pour des produits analogues à ceux achetés (Code des postes et des communications électroniques, art. L.34-5), sauf opposition de votre part.',
    en: 'as our customer, for products similar to those bought (French Post and Electronic Communications Code, art. L.34-5), unless you object.',
  },
  access_basis_consent_required: {
    fr: 'nous ne vous sollicitons pas par ce canal sans votre consentement, et aucun n’est enregistré.',
    en: 'we do not approach you this way without your consent, and none is on record.',
  },
  access_basis_objected: {
    fr: 'vous l’avez refusé : nous ne vous sollicitons plus par ce canal.',
    en: 'you objected: we no longer approach you this way.',
  },
  access_basis_withdrawn: {
    fr: 'vous avez retiré votre consentement : nous ne vous sollicitons plus ainsi.',
    en: 'you withdrew your consent: we no longer approach you this way.',
  },
  access_automated: {
    fr: 'Aucune décision produisant des effets juridiques à votre égard ou vous affectant de manière significative n’est prise de façon automatisée (RGPD art. 22) : l’outil vérifie seulement, avant chaque sollicitation, qu’elle est permise.',
    en: 'No decision producing legal effects concerning you or similarly significantly affecting you is made by automated means (GDPR art. 22): the tool only checks, before each approach, that it is allowed.',
  },

  access_h_retention: { fr: 'Combien de temps nous les gardons', en: 'How long we keep it' },
  access_keep_prospect: {
    fr: 'Vos données seront supprimées au plus tard le {date} : {period} après leur collecte ou votre dernier contact avec nous (clic, réponse, rendez-vous).',
    en: 'Your data will be deleted by {date} at the latest: {period} after it was collected or after your last contact with us (a click, a reply, a meeting).',
  },
  access_keep_customer: {
    fr: 'Vos données seront supprimées au plus tard le {date} : {period} après la fin de notre relation commerciale ou votre dernier contact avec nous.',
    en: 'Your data will be deleted by {date} at the latest: {period} after the end of our business relationship or your last contact with us.',
  },
  access_keep_contract: {
    fr: 'Vos données sont gardées tant que notre contrat est en cours, puis {period} après sa fin.',
    en: 'Your data is kept while our contract lasts, then {period} after it ends.',
  },
  access_keep_overdue: {
    fr: 'Le délai de conservation a pris fin le {date} : vos données vont être supprimées.',
    en: 'The retention period ended on {date}: your data is about to be deleted.',
  },
  'access_keep_phone-consent': {
    fr: 'Votre consentement aux appels prend fin le {date} ; ensuite nous ne vous appellerons plus sans nouvel accord.',
    en: 'Your consent to calls ends on {date}; after that we will not call you without a new yes.',
  },
  'access_keep_consent-proof': {
    fr: 'La preuve de votre consentement aux appels est gardée jusqu’au {date} ({period} après sa fin), pour pouvoir la montrer en cas de contrôle.',
    en: 'The proof of your consent to calls is kept until {date} ({period} after it ends), so that it can be shown if we are inspected.',
  },
  access_keep_objections: {
    fr: 'Vos oppositions et retraits sont gardés sans limite de durée, seulement sous forme d’empreinte chiffrée de vos coordonnées, pour être respectés même après la suppression de vos données.',
    en: 'Your objections and withdrawals are kept without time limit, only as an encrypted fingerprint of your details, so that they are honoured even after your data is deleted.',
  },

  access_h_recipients: { fr: 'Qui y a accès', en: 'Who can see it' },

  access_h_consents: { fr: 'Vos consentements', en: 'Your consents' },
  access_consent_line: {
    fr: '{action} : {channel}, {purpose}, le {at}{until}',
    en: '{action}: {channel}, {purpose}, on {at}{until}',
  },
  access_consent_until: { fr: ', valable jusqu’au {until}', en: ', valid until {until}' },
  access_consent_proof: { fr: 'Preuve gardée : {proof}', en: 'Proof kept: {proof}' },
  access_proof_method: { fr: 'méthode « {value} »', en: 'method "{value}"' },
  access_proof_wording: { fr: 'texte affiché « {value} »', en: 'wording shown "{value}"' },
  access_proof_where: { fr: 'recueilli sur « {value} »', en: 'captured on "{value}"' },
  access_proof_evidence: { fr: 'référence « {value} »', en: 'reference "{value}"' },
  access_proof_collected_by: { fr: 'recueilli par {value}', en: 'collected by {value}' },
  access_no_consent: { fr: 'Aucun consentement enregistré.', en: 'No consent on record.' },

  access_h_objections: { fr: 'Vos oppositions et retraits', en: 'Your objections and withdrawals' },
  access_objection_line: {
    fr: 'Opposition, {scope} : depuis le {since}{again}',
    en: 'Objection, {scope}: since {since}{again}',
  },
  access_again: { fr: ' (redite le {dates})', en: ' (told again on {dates})' },
  access_withdrawal_line: {
    fr: 'Retrait du consentement, {purpose}, {channel} : le {since}{again}',
    en: 'Consent withdrawn, {purpose}, {channel}: on {since}{again}',
  },
  access_no_objection: {
    fr: 'Aucune opposition ni aucun retrait enregistré.',
    en: 'No objection nor withdrawal on record.',
  },

  access_h_rights: { fr: 'Vos droits, et comment les exercer', en: 'Your rights, and how to exercise them' },
  access_rights_write: {
    fr: 'Écrivez à {dpo} ou par courrier à {address}. Nous répondons dans un délai d’un mois (RGPD art. 12(3)).',
    en: 'Write to {dpo} or by post to {address}. We answer within one month (GDPR art. 12(3)).',
  },
  access_right_object: {
    fr: 'Vous opposer à la prospection, à tout moment et sans avoir à vous justifier (RGPD art. 21) : chaque message contient aussi un moyen de se désinscrire (STOP pour les SMS), et vous pouvez le dire lors d’un appel.',
    en: 'Object to direct marketing, at any time and without giving reasons (GDPR art. 21): every message also carries a way to unsubscribe (STOP for texts), and you can say so during a call.',
  },
  access_right_withdraw: {
    fr: 'Retirer un consentement, aussi simplement que vous l’avez donné (RGPD art. 7(3)).',
    en: 'Withdraw a consent, as easily as you gave it (GDPR art. 7(3)).',
  },
  access_right_rectify: {
    fr: 'Faire corriger ou compléter une donnée inexacte (RGPD art. 16).',
    en: 'Have inaccurate data corrected or completed (GDPR art. 16).',
  },
  access_right_erase: {
    fr: 'Faire effacer vos données (RGPD art. 17) : nous ne gardons alors qu’une empreinte chiffrée de vos coordonnées, pour ne plus jamais vous solliciter.',
    en: 'Have your data erased (GDPR art. 17): we then keep only an encrypted fingerprint of your details, so as never to approach you again.',
  },
  access_right_restrict: {
    fr: 'Demander la limitation du traitement (RGPD art. 18) pendant que nous vérifions une contestation.',
    en: 'Ask for the processing to be restricted (GDPR art. 18) while we check something you contest.',
  },
  access_right_complain: {
    fr: 'Introduire une réclamation auprès de la CNIL (RGPD art. 77) : Commission nationale de l’informatique et des libertés, 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07 ; en ligne sur www.cnil.fr/plaintes.',
    en: 'Lodge a complaint with the CNIL, the French data protection authority (GDPR art. 77): Commission nationale de l’informatique et des libertés, 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07, France; online at www.cnil.fr/plaintes.',
  },
  access_footer: {
    fr: 'Document établi le {date} par {controller} à partir de son registre de prospection. Une copie lisible par machine (JSON) est disponible sur demande.',
    en: 'Made on {date} by {controller} from its prospecting register. A machine-readable copy (JSON) is available on request.',
  },
  access_written: {
    fr: 'rapport d’accès écrit dans {file} ({format}, {lang})',
    en: 'access report written to {file} ({format}, {lang})',
  },
  access_lang_fr: { fr: 'français', en: 'French' },
  access_lang_en: { fr: 'anglais', en: 'English' },
} as const satisfies Record<string, Record<Lang, string>>;
