/** The compliance officer's words: policy test, lint, diff and reload. */
export const policy = {
  policy_lint_ok: {
    fr: '{file} : valide ({rules} règles, révision {revision}{warned})',
    en: '{file}: ok ({rules} rules, revision {revision}{warned})',
  },
  policy_lint_warned: {
    fr: ', {count, plural, one {# avertissement} other {# avertissements}}',
    en: ', {count, plural, one {# warning} other {# warnings}}',
  },
  policy_lint_strict: {
    fr: '{file} : {count, plural, one {# avertissement} other {# avertissements}} : --strict refuse la politique tant qu’ils restent.',
    en: '{file}: {count, plural, one {# warning} other {# warnings}}: --strict refuses the policy while they remain.',
  },
  policy_test_files: { fr: 'scénarios : {files}', en: 'scenarios: {files}' },
  policy_test_summary: {
    fr: '{passed} réussis, {failed} en échec',
    en: '{passed} passed, {failed} failed',
  },
  policy_test_untested: {
    fr: 'ÉCHEC règle {rule} : aucun scénario ne la nomme (expect.rules ou not_rules)',
    en: 'FAIL rule {rule}: no scenario names it (expect.rules or not_rules)',
  },
  policy_diff_head: {
    fr: 'Politique {before} → {after}',
    en: 'Policy {before} → {after}',
  },
  policy_diff_scenarios: {
    fr: 'Scénarios : {asked} joués, {changed, plural, =0 {aucune réponse ne change} one {# réponse change} other {# réponses changent}}.',
    en: 'Scenarios: {asked} run, {changed, plural, =0 {no answer changes} one {# answer changes} other {# answers change}}.',
  },
  policy_diff_register: {
    fr: 'Registre au {at} : {contacts, plural, one {# contact} other {# contacts}} × {channels}, {asked, plural, one {# réponse} other {# réponses}}, {changed, plural, =0 {aucune ne change} one {# change} other {# changent}}.',
    en: 'Register at {at}: {contacts, plural, one {# contact} other {# contacts}} × {channels}, {asked, plural, one {# answer} other {# answers}}, {changed, plural, =0 {none changes} one {# changes} other {# change}}.',
  },
  policy_diff_direction: { fr: '{from} → {to} : {count}', en: '{from} → {to}: {count}' },
  policy_diff_direction_same: {
    fr: '{from} → {to} (même verdict, autres motifs) : {count}',
    en: '{from} → {to} (same verdict, other reasons): {count}',
  },
  policy_diff_reasons: {
    fr: '{count, plural, one {# réponse garde son verdict} other {# réponses gardent leur verdict}} mais une règle y répond autrement : une autre décide encore, cela changera quand elle ne s’appliquera plus.',
    en: '{count, plural, one {# answer keeps its verdict} other {# answers keep their verdict}} but a rule in it answers otherwise: another still decides, this changes once it no longer applies.',
  },
  policy_diff_rule: {
    fr: 'règle {rule} : {count} (ex. {examples})',
    en: 'rule {rule}: {count} (e.g. {examples})',
  },
  policy_diff_failed: {
    fr: 'Scénarios impossibles à jouer sur l’une des deux : {names}',
    en: 'Scenarios that cannot run on one of the two: {names}',
  },
  policy_reload_done: {
    fr: 'Politique rechargée par {who} : révision {before} → {after} ({rules} règles).',
    en: 'Policy reloaded by {who}: revision {before} → {after} ({rules} rules).',
  },
  policy_reload_same: {
    fr: 'La politique n’a pas changé (révision {revision}).',
    en: 'The policy has not changed (revision {revision}).',
  },
  policy_reload_refused: {
    fr: 'Nouvelle politique refusée ({who}) : l’ancienne (révision {revision}) reste en vigueur, mais le fichier sur disque est toujours celui refusé : corrigez-le ou remettez la révision {revision}, sinon un redémarrage s’arrêtera dessus. À corriger :',
    en: 'New policy refused ({who}): the old one (revision {revision}) stays in force, but the file on disk is still the refused one: fix it or put revision {revision} back, or a restart will stop on it. To fix:',
  },
  policy_reload_voided: {
    fr: 'Les campagnes vérifiées avec l’ancienne révision doivent être vérifiées à nouveau avant approbation.',
    en: 'Campaigns checked under the old revision must be checked again before approval.',
  },
  policy_reload_file: { fr: 'le fichier modifié', en: 'the file change' },
  policy_reload_usage: { fr: 'Usage : /policy reload', en: 'Usage: /policy reload' },
  policy_reload_not_allowed: {
    fr: 'Seul le rôle conformité (purge) peut recharger la politique.',
    en: 'Only the compliance role (purge) may reload the policy.',
  },
} as const;
