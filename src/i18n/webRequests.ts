/** The console's Requests page: a person's access export and her erasure (GDPR art. 15 and 17). */
export const webRequests = {
  web_nav_requests: { fr: 'Demandes', en: 'Requests' },
  web_requests_intro: {
    fr: 'Une personne demande ce que vous détenez sur elle (RGPD art. 15) ou son effacement (art. 17). Saisissez son e-mail ou son téléphone ; rien de ce que vous saisissez n’apparaît dans une adresse de page.',
    en: 'A person asks what you hold on them (GDPR art. 15) or to be erased (art. 17). Enter their email or phone; nothing you type ever shows in a page address.',
  },
  web_person_label: { fr: 'E-mail ou téléphone de la personne', en: 'The person’s email or phone' },
  web_export_title: { fr: 'Droit d’accès : l’export', en: 'Right of access: the export' },
  web_export_format: { fr: 'Format', en: 'Format' },
  web_format_html: { fr: 'page HTML à lui envoyer', en: 'HTML page to send them' },
  web_format_pdf: { fr: 'PDF à lui envoyer', en: 'PDF to send them' },
  web_format_json: { fr: 'JSON (pour un logiciel)', en: 'JSON (for software)' },
  web_export_lang: { fr: 'Langue du rapport', en: 'Language of the report' },
  web_export_file: { fr: 'acces-donnees', en: 'data-access' },
  web_export_button: { fr: 'Télécharger l’export', en: 'Download the export' },
  web_erase_title: { fr: 'Droit à l’effacement', en: 'Right to erasure' },
  web_erase_button: { fr: 'Préparer l’effacement…', en: 'Prepare the erasure…' },
  web_erase_held: {
    fr: 'Détenu dans le registre : {who}.',
    en: 'Held in the register: {who}.',
  },
  web_erase_not_held: {
    fr: 'Cette personne n’est pas dans le registre : seules les décisions la concernant seront effacées, et une opposition enregistrée.',
    en: 'This person is not in the register: only the decisions about them will be erased, and an objection recorded.',
  },
  web_erase_understood: {
    fr: 'J’ai vérifié qu’il s’agit de la bonne personne : ses données seront effacées sans retour possible.',
    en: 'I checked this is the right person: their data will be erased with no way back.',
  },
  web_erase_confirm: { fr: 'Effacer définitivement', en: 'Erase for good' },
  web_erase_done_title: { fr: 'Effacement effectué', en: 'Erasure done' },
  web_back_requests: { fr: 'Retour aux demandes', en: 'Back to requests' },
} as const;
