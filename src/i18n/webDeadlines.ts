/** The console's Deadlines page: what falls due, what a purge deletes, and the purge's confirmation. */
export const webDeadlines = {
  web_nav_deadlines: { fr: 'Échéances', en: 'Deadlines' },
  web_chart_weeks: {
    fr: 'Ce qui arrive à échéance, semaine par semaine',
    en: 'What falls due, week by week',
  },
  web_week_of: { fr: 'semaine du {date}', en: 'week of {date}' },
  web_chart_numbers: { fr: 'Les chiffres', en: 'The numbers' },
  web_col_week: { fr: 'Semaine', en: 'Week' },
  web_col_kind: { fr: 'Échéance', en: 'Deadline' },
  web_col_count: { fr: 'Nombre', en: 'Count' },
  web_col_rule: { fr: 'Règle', en: 'Rule' },
  web_col_act: { fr: 'Action', en: 'Action' },
  web_to_purge_now: { fr: 'À purger maintenant : {set}.', en: 'To purge now: {set}.' },
  web_nothing_to_purge: { fr: 'Rien à purger maintenant.', en: 'Nothing to purge now.' },
  web_due_total: {
    fr: '{total, plural, =0 {Aucune échéance dans les 30 jours.} one {# échéance dans les 30 jours.} other {# échéances dans les 30 jours.}}',
    en: '{total, plural, =0 {No deadline in the next 30 days.} one {# deadline in the next 30 days.} other {# deadlines in the next 30 days.}}',
  },
  web_due_shown: { fr: 'Les {shown} plus proches :', en: 'The {shown} soonest:' },
  web_purge_open: { fr: 'Voir ce qu’une purge supprimerait', en: 'See what a purge would delete' },
  web_purge_title: { fr: 'Purge des données échues', en: 'Purge overdue data' },
  web_purge_intro: {
    fr: 'Ces données ont dépassé leur délai de conservation et seront supprimées définitivement : {set}. Les oppositions sont conservées, et chaque ligne est vérifiée de nouveau au moment de la supprimer.',
    en: 'This data is past its retention deadline and will be deleted for good: {set}. Objections are kept, and each line is checked again as it is deleted.',
  },
  web_purge_more: {
    fr: '… et {count, plural, one {# autre ligne, supprimée aussi} other {# autres lignes, supprimées aussi}}.',
    en: '… and {count, plural, one {# more line, deleted too} other {# more lines, deleted too}}.',
  },
  web_purge_confirm: { fr: 'Supprimer définitivement {set}', en: 'Delete {set} for good' },
  web_purge_understood: {
    fr: 'J’ai vérifié la liste : ces données seront supprimées sans retour possible.',
    en: 'I checked the list: this data will be deleted with no way back.',
  },
  web_cancel: { fr: 'Annuler', en: 'Cancel' },
  web_purge_done_title: { fr: 'Purge effectuée', en: 'Purge done' },
  web_overdue_since: { fr: 'échue le {date}', en: 'due on {date}' },
  web_back_deadlines: { fr: 'Retour aux échéances', en: 'Back to deadlines' },
} as const;
