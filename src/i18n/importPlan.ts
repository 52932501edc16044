/** What an import understood of a file's header, shown before anything is written (reports/importPlan.ts). */
export const importPlan = {
  plan_preset_detected: {
    fr: 'Fichier lu comme un export {tool} (reconnu à ses colonnes ; --from pour un autre outil).',
    en: 'File read as a {tool} export (recognised by its columns; --from for another tool).',
  },
  plan_preset_named: { fr: 'Fichier lu comme un export {tool}.', en: 'File read as a {tool} export.' },
  plan_read: { fr: 'Colonnes lues : {columns}.', en: 'Columns read: {columns}.' },
  plan_column_field: { fr: '« {column} » → {field}', en: '"{column}" → {field}' },
  plan_collected_preset: {
    fr: 'Date de collecte : « {column} », la date de création dans {tool} (--collected-at-column pour une autre colonne, none pour la date de l’import).',
    en: 'Collection date: "{column}", the creation date in {tool} (--collected-at-column for another column, none for the date of the import).',
  },
  plan_collected_column: { fr: 'Date de collecte : « {column} ».', en: 'Collection date: "{column}".' },
  plan_collected_now: {
    fr: 'Date de collecte : aucune colonne ne la donne, ce sera la date de l’import (--collected-at-column pour la lire dans le fichier).',
    en: 'Collection date: no column gives it, the date of the import will be used (--collected-at-column to read it from the file).',
  },
  plan_optouts: {
    fr: 'Désinscriptions enregistrées comme oppositions : {columns}.',
    en: 'Unsubscribes recorded as objections: {columns}.',
  },
  plan_optout_column: { fr: '« {column} » ({scope})', en: '"{column}" ({scope})' },
  plan_optout_date: {
    fr: 'Date des désinscriptions : « {column} », lue pour information ; l’opposition vaut dès l’import (l’export dit qu’elle est désinscrite aujourd’hui).',
    en: 'Date of the unsubscribes: "{column}", read for information; the objection holds from the import (the export says she is unsubscribed today).',
  },
  plan_order: {
    fr: 'Plusieurs colonnes pour {field} : {columns}, lues dans cet ordre (la première remplie de chaque ligne) ; --column {flag}=… pour n’en lire qu’une.',
    en: 'Several {field} columns: {columns}, read in this order (the first filled one of each row); --column {flag}=… to read only one.',
  },
  plan_not_recorded: { fr: 'Lues sans être enregistrées : {columns}.', en: 'Read, not recorded: {columns}.' },
  plan_lifecycle: {
    fr: '« {column} » (une phase de CRM n’est pas un achat : « client depuis » se lit dans sa propre colonne)',
    en: '"{column}" (a CRM stage is not a purchase: "customer since" is read from its own column)',
  },
  plan_consent_flag: {
    fr: '« {column} » (une case de CRM n’est pas une preuve de consentement : import-consents avec les colonnes de preuve)',
    en: '"{column}" (a CRM flag is not proof of consent: import-consents with the proof columns)',
  },
  plan_crm_owner: {
    fr: '« {column} » (un utilisateur de {tool}, pas un membre Slack : --column owner=… pour une colonne d’identifiants Slack)',
    en: '"{column}" (a {tool} user, not a Slack member: --column owner=… for a column of Slack ids)',
  },
  plan_quote: { fr: '« {text} »', en: '"{text}"' },
  plan_ignored: { fr: 'Colonnes ignorées : {columns}.', en: 'Columns ignored: {columns}.' },
  plan_preview: {
    fr: 'Essai (--dry-run) : rien n’est écrit. Premières lignes telles qu’elles seraient enregistrées :',
    en: 'Dry run (--dry-run): nothing is written. First rows as they would be recorded:',
  },
  plan_preview_row: { fr: 'ligne {line} : {fields}', en: 'line {line}: {fields}' },
  plan_dry_run_done: {
    fr: 'essai : {rows, plural, one {# ligne lue} other {# lignes lues}}, {bad, plural, one {# invalide} other {# invalides}}, {objections, plural, one {# désinscription} other {# désinscriptions}} ; rien n’a été écrit',
    en: 'dry run: {rows, plural, one {# row read} other {# rows read}}, {bad} invalid, {objections, plural, one {# unsubscribe} other {# unsubscribes}}; nothing was written',
  },
} as const;
