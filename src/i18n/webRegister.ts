import type { Lang } from './lang.ts';

/**
 * The console's Register, second half: a contact's edit, add and merge forms, the questions asked about her, and
 * the words of her page (the Slack sheet's words are reused: channel_*, source_*, collection_*, action_*).
 */
export const webRegister = {
  web_edit_link: { fr: 'Modifier ce contact', en: 'Edit this contact' },
  web_edit_save: { fr: 'Enregistrer les modifications', en: 'Save the changes' },
  web_edit_done: { fr: 'Modifié : {fields}.', en: 'Changed: {fields}.' },
  web_edit_nothing: {
    fr: 'Rien n’a changé : aucun champ n’a été modifié.',
    en: 'Nothing changed: no field was edited.',
  },
  web_edit_stale: {
    fr: 'Ce contact a changé depuis que vous avez ouvert le formulaire : rien n’a été enregistré. Voici ses valeurs actuelles ; refaites vos modifications.',
    en: 'This contact changed since you opened it: nothing was saved. Here are its current values; make your changes again.',
  },
  web_edit_only_changed: {
    fr: 'Seuls les champs que vous modifiez sont enregistrés.',
    en: 'Only the fields you change are saved.',
  },
  web_form_problem: {
    fr: 'Rien n’a été enregistré : corrigez le champ signalé.',
    en: 'Nothing was saved: correct the field shown.',
  },
  web_h_identity: { fr: 'La personne', en: 'The person' },
  web_h_identifiers: { fr: 'Adresses et numéros', en: 'Addresses and numbers' },
  web_h_collection: { fr: 'Première collecte', en: 'First collection' },
  web_h_customer: { fr: 'Relation client', en: 'Customer relationship' },
  web_field_department: { fr: 'Département', en: 'Département' },
  web_field_owner: { fr: 'Responsable (identifiant Slack)', en: 'Owner (Slack user id)' },
  web_field_email_main: { fr: 'E-mail principal', en: 'Main email' },
  web_field_phone_main: { fr: 'Téléphone principal', en: 'Main phone' },
  web_field_source_detail: { fr: 'Précision (ex. nom du salon)', en: 'Detail (e.g. the show’s name)' },
  web_field_collection: { fr: 'Mode de collecte', en: 'Collection' },
  web_field_customer_since: { fr: 'Client depuis le', en: 'Customer since' },
  web_field_customer_until: { fr: 'Fin de la relation le', en: 'Relationship ends on' },
  web_field_relationship: { fr: 'Type de relation', en: 'Kind of relationship' },
  web_field_last_purchase: { fr: 'Dernier achat le', en: 'Last purchase on' },
  web_field_products: { fr: 'Produits (séparés par des virgules)', en: 'Products (comma-separated)' },
  web_choice_unset: { fr: '— non renseigné —', en: '— not recorded —' },
  web_relationship_purchase: { fr: 'achats ponctuels', en: 'one-off purchases' },
  web_relationship_contract: { fr: 'contrat en cours', en: 'contract' },
  web_relationship_account: { fr: 'compte sans achat', en: 'account, no purchase' },
  web_add_contact: { fr: 'Ajouter un contact', en: 'Add a contact' },
  web_add_done: { fr: 'Contact ajouté au registre.', en: 'Contact added to the register.' },
  web_add_filled: {
    fr: 'Déjà dans le registre : champs complétés ({fields}).',
    en: 'Already in the register: fields filled in ({fields}).',
  },
  web_add_kept: {
    fr: 'Laissés tels quels (seuls son responsable et la conformité peuvent les modifier) : {fields}.',
    en: 'Left as they were (only its owner and compliance may change them): {fields}.',
  },
  web_merge: { fr: 'Fusionner avec une autre fiche', en: 'Merge with another record' },
  web_merge_search: {
    fr: 'Chercher l’autre fiche de la même personne (nom, e-mail, téléphone, entreprise)',
    en: 'Find the other record of the same person (name, email, phone, company)',
  },
  web_merge_choose: { fr: 'Fusionner avec celle-ci…', en: 'Merge with this one…' },
  web_merge_none: { fr: 'Aucune autre fiche trouvée.', en: 'No other record found.' },
  web_merge_title: { fr: 'Fusionner deux fiches', en: 'Merge two records' },
  web_merge_kept: {
    fr: 'Gardée (collectée la première) : {who}',
    en: 'Kept (collected first): {who}',
  },
  web_merge_gone: {
    fr: 'Réunie à la première puis retirée : {who}',
    en: 'Joined into it, then removed: {who}',
  },
  web_merge_keeps_all: {
    fr: 'Toutes les adresses, numéros, sources, consentements, événements et oppositions des deux fiches sont gardés.',
    en: 'Every address, number, source, consent, event and objection of both records is kept.',
  },
  web_merge_gains: { fr: 'La fiche gardée reçoit : {fields}.', en: 'The kept record gains: {fields}.' },
  web_merge_differs: {
    fr: 'Renseignés différemment (la valeur de la fiche gardée reste) :',
    en: 'Recorded differently (the kept record’s value stays):',
  },
  web_merge_no_difference: {
    fr: 'Aucun champ renseigné différemment.',
    en: 'No field recorded differently.',
  },
  web_col_field: { fr: 'Champ', en: 'Field' },
  web_col_kept: { fr: 'Fiche gardée', en: 'Kept record' },
  web_col_gone: { fr: 'Fiche retirée', en: 'Removed record' },
  web_merge_do: { fr: 'Fusionner les deux fiches', en: 'Merge the two records' },
  web_merge_done: { fr: 'Fiches fusionnées.', en: 'Records merged.' },
  web_merge_stale: {
    fr: 'Une des deux fiches a changé depuis l’ouverture de la confirmation : rien n’a été fusionné. Vérifiez à nouveau.',
    en: 'One of the records changed since the confirmation was opened: nothing was merged. Check again.',
  },
  web_cancel: { fr: 'Annuler', en: 'Cancel' },
  web_decisions: { fr: 'Questions posées à son sujet', en: 'Questions asked about her' },
  web_decisions_cap: {
    fr: 'Les {count} plus récentes.',
    en: 'The {count} most recent.',
  },
  web_col_asked_by: { fr: 'Posée par', en: 'Asked by' },
  web_col_verdict_then: { fr: 'Réponse', en: 'Answer' },
  web_provenance_line: { fr: '{source} · collecte {collection}', en: '{source} · {collection} collection' },
  web_objection_kind_objection: { fr: 'Opposition', en: 'Objection' },
  web_objection_kind_withdrawal: { fr: 'Retrait de consentement', en: 'Consent withdrawn' },
  web_event_click: { fr: 'clic dans un de nos messages', en: 'clicked in one of our messages' },
  web_event_reply: { fr: 'a répondu', en: 'replied' },
  web_event_form: { fr: 'a rempli un formulaire', en: 'filled in a form' },
  'web_event_inbound-call': { fr: 'nous a appelés', en: 'called us' },
  web_event_meeting: { fr: 'rendez-vous', en: 'a meeting' },
  'web_event_callback-request': { fr: 'a demandé à être rappelée', en: 'asked to be called back' },
  web_event_open: { fr: 'a ouvert un de nos e-mails', en: 'opened one of our emails' },
  'web_event_call-attempt': { fr: 'appel de notre part', en: 'a call from us' },
  'web_event_automated-call-attempt': {
    fr: 'appel automatisé de notre part',
    en: 'an automated call from us',
  },
  'web_event_call-refusal': { fr: 'a refusé pendant un appel', en: 'refused during a call' },
} satisfies Record<string, Record<Lang, string>>;
