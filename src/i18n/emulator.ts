import type { Lang } from './lang.ts';

/**
 * The emulator's terminal as it fills a modal (`npm start` without Slack credentials): what Slack's own
 * client would show around the app's fields, in the language of the user being played.
 */
export const emulator = {
  emulator_optional: { fr: ' (facultatif)', en: ' (optional)' },
  emulator_pick: { fr: '  numéro : ', en: '  number: ' },
  emulator_pick_keep: { fr: '  numéro, Entrée garde ← : ', en: '  number, Enter keeps ←: ' },
  emulator_pick_range: {
    fr: '  ✗ choisissez un numéro entre 1 et {count}',
    en: '  ✗ choose a number between 1 and {count}',
  },
  emulator_date_hint: { fr: ' (AAAA-MM-JJ)', en: ' (YYYY-MM-DD)' },
  emulator_date_bad: {
    fr: '  ✗ une date du calendrier, AAAA-MM-JJ (par exemple 2026-11-02)',
    en: '  ✗ a calendar date, YYYY-MM-DD (for example 2026-11-02)',
  },
  emulator_datetime_hint: {
    fr: ' (AAAA-MM-JJ HH:MM, heure de {zone})',
    en: ' (YYYY-MM-DD HH:MM, {zone} time)',
  },
  emulator_datetime_bad: {
    fr: '  ✗ une date et une heure, AAAA-MM-JJ HH:MM (par exemple 2026-11-24 09:30)',
    en: '  ✗ a date and a time, YYYY-MM-DD HH:MM (for example 2026-11-24 09:30)',
  },
  emulator_multiline_hint: { fr: ' (tapez \\n pour aller à la ligne)', en: ' (type \\n for a new line)' },
  emulator_file_prompt: {
    fr: '{label} : chemin d’un fichier local à partager, Entrée pour aucun : ',
    en: '{label}: path of a local file to share, Enter for none: ',
  },
  emulator_file_unreadable: {
    fr: '  ✗ impossible de lire {path} ({code})',
    en: '  ✗ cannot read {path} ({code})',
  },
  emulator_keep: { fr: ' [{value}] (Entrée garde, - vide)', en: ' [{value}] (Enter keeps, - empties)' },
  emulator_required: { fr: '  ✗ ce champ est obligatoire', en: '  ✗ this field is required' },
  emulator_field_error: { fr: '  ✗ {label} : {message}', en: '  ✗ {label}: {message}' },
  emulator_unknown_field: {
    fr: 'L’application a signalé un champ que ce formulaire n’a pas ({fields}) : {message}\nFormulaire fermé, rien n’a été enregistré.',
    en: 'The app flagged a field this form does not have ({fields}): {message}\nModal closed: nothing was submitted.',
  },
  emulator_modal_closed: {
    fr: 'Formulaire fermé : rien n’a été envoyé.',
    en: 'Modal closed: nothing was submitted.',
  },
  emulator_confirm: { fr: '{title} : {text} ({yes}) ', en: '{title}: {text} ({yes}) ' },
  emulator_yes_no: { fr: 'o/n', en: 'y/n' },
  emulator_yes_no_again: {
    fr: '  ✗ répondez oui ou non (o/n)',
    en: '  ✗ answer yes or no (y/n)',
  },
} as const satisfies Record<string, Record<Lang, string>>;
