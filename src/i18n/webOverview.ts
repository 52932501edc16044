/** The console's Overview page: verdicts by channel and rule, objections and questions by team, week by week. */
export const webOverview = {
  web_nav_overview: { fr: 'Vue d’ensemble', en: 'Overview' },
  web_overview_intro: {
    fr: 'Les {weeks} dernières semaines, de la semaine du {from} à celle-ci (semaines du lundi au dimanche, heure de {zone}) : les réponses données aux questions posées, par canal et par règle, les oppositions enregistrées, et les questions par équipe. Ce sont des comptes : aucune personne n’y figure.',
    en: 'The last {weeks} weeks, from the week of {from} to this one (weeks from Monday to Sunday, {zone} time): the answers given to the questions asked, by channel and by rule, the objections recorded, and the questions by team. These are counts: nobody is named in them.',
  },
  web_overview_verdicts: { fr: 'Réponses par semaine', en: 'Answers per week' },
  web_overview_channels: { fr: 'Questions par canal', en: 'Questions by channel' },
  web_overview_rules: {
    fr: 'Les règles qui bloquent ou demandent un examen',
    en: 'The rules that block or ask for review',
  },
  web_overview_rules_chart: {
    fr: 'Blocages et examens par semaine, pour les {count} règles les plus citées',
    en: 'Blocks and reviews per week, for the {count} rules most cited',
  },
  web_overview_no_rules: {
    fr: 'Aucune règle n’a bloqué ni demandé d’examen sur ces semaines.',
    en: 'No rule blocked or asked for review in these weeks.',
  },
  web_overview_objections: { fr: 'Oppositions enregistrées par semaine', en: 'Objections recorded per week' },
  web_overview_objections_set: { fr: 'Oppositions', en: 'Objections' },
  web_overview_teams: { fr: 'Questions par équipe', en: 'Questions by team' },
  web_overview_askers: { fr: 'Ceux qui ont posé le plus de questions', en: 'Who asked the most' },
  web_overview_no_questions: {
    fr: 'Aucune question posée sur ces semaines.',
    en: 'No question asked in these weeks.',
  },
  web_col_team: { fr: 'Équipe', en: 'Team' },
  web_col_asker: { fr: 'Qui', en: 'Who' },
  web_col_questions: { fr: 'Questions', en: 'Questions' },
  web_overview_team_compliance: { fr: 'Conformité', en: 'Compliance' },
  web_overview_team_approvers: { fr: 'Approbateurs de campagnes', en: 'Campaign approvers' },
  web_overview_team_sales: { fr: 'Commerciaux', en: 'Sales' },
  web_overview_team_cli: { fr: 'Ligne de commande', en: 'Command line' },
  web_overview_team_workflow: { fr: 'Workflows Slack', en: 'Slack workflows' },
  web_overview_team_other: { fr: 'Autres', en: 'Others' },
  web_overview_team_api: { fr: 'Clé d’API {name}', en: 'API key {name}' },
  web_overview_note: {
    fr: 'Les équipes : dans cet espace de travail, une personne de Slack compte dans l’équipe du rôle que la politique lui donne aujourd’hui (Conformité pour un rôle de conformité, Approbateurs pour l’approbation des campagnes, Commerciaux sinon) ; une clé d’API compte sous son nom ; la ligne de commande et les workflows à part. Chaque espace de travail a sa console. Une réponse peut citer plusieurs règles et compte pour chacune. Une demande d’effacement supprime les questions posées sur la personne : elles ne comptent plus ici.',
    en: 'Teams: in this workspace, a Slack user counts in the team of the role the policy gives them today (Compliance for a compliance role, Approvers for campaign approval, Sales otherwise); an API key counts under its name; the command line and workflows apart. Each workspace has its own console. An answer may cite several rules and counts for each. An erasure request deletes the questions asked about the person: they no longer count here.',
  },
} as const;
