import type { Lang } from './lang.ts';

/**
 * What is wrong with what someone typed, one message per problem code (domain/errors.ts). `{field}` and `{other}`
 * are field names as the reader's shell shows them; `{value}` is what they typed.
 */
export const problems = {
  problem_invalid_email: {
    fr: '« {value} » n’est pas une adresse e-mail valide.',
    en: '"{value}" is not a valid email address.',
  },
  problem_invalid_phone: {
    fr: '« {value} » n’est pas un numéro de téléphone valide (exemple : +33 6 12 34 56 78).',
    en: '"{value}" is not a valid phone number (e.g. +33 6 12 34 56 78).',
  },
  problem_missing_target: {
    fr: 'Il manque l’adresse e-mail ou le numéro.',
    en: 'The email address or phone number is missing.',
  },
  problem_not_email: {
    fr: '« {value} » est un numéro : utilisez /can-i-sms ou /can-i-call.',
    en: '"{value}" is a phone number: use /can-i-sms or /can-i-call.',
  },
  problem_channel_needs_email: {
    fr: '« {value} » est un numéro : le canal email demande une adresse e-mail.',
    en: '"{value}" is a phone number: the email channel needs an email address.',
  },
  problem_channel_needs_phone: {
    fr: '« {value} » est une adresse e-mail : le canal {allowed} demande un numéro de téléphone.',
    en: '"{value}" is an email address: the {allowed} channel needs a phone number.',
  },
  problem_channel_needs_address: {
    fr: 'Le courrier demande l’adresse postale de la personne, et le registre n’en conserve aucune : « {value} » ne permet pas de vérifier un envoi postal.',
    en: 'Post needs the person’s postal address, and the register keeps none: "{value}" cannot be checked for post.',
  },
  problem_not_phone: {
    fr: '« {value} » est une adresse e-mail : utilisez /can-i-email.',
    en: '"{value}" is an email address: use /can-i-email.',
  },
  problem_unknown_product: {
    fr: '« {value} » n’est ni un produit ni une finalité connus. Produits : {allowed}. Finalités : {purposes}.',
    en: '"{value}" is neither a known product nor a purpose. Products: {allowed}. Purposes: {purposes}.',
  },
  problem_unknown_purpose: {
    fr: '{field} : « {value} » n’est pas une finalité connue de la politique ni des consentements de cette personne. Finalités : {allowed}.',
    en: '{field}: "{value}" is no purpose of the policy nor of this person\'s consents. Purposes: {allowed}.',
  },
  problem_unknown_category: {
    fr: '{field} : « {value} » n’est pas une catégorie de produit connue ({allowed}).',
    en: '{field}: "{value}" is not a known product category ({allowed}).',
  },
  problem_ambiguous_product: {
    fr: '« {value} » peut désigner plusieurs produits : {allowed}. Précisez lequel, par son nom ou un mot de plus.',
    en: '"{value}" can mean several products: {allowed}. Say which, by its name or one more word.',
  },
  /** One of the choices a problem lists ({allowed}), as a person reads a name quoted in their language. */
  problem_choice: { fr: '« {choice} »', en: '"{choice}"' },
  problem_unknown_channel: {
    fr: '« {value} » n’est pas un canal ({channels}).',
    en: '"{value}" is not a channel ({channels}).',
  },
  problem_unknown_contact: {
    fr: 'Cette personne n’est pas dans le registre : ajoutez-la d’abord.',
    en: 'This person is not in the register: add them first.',
  },
  problem_consent_without_proof: {
    fr: 'Un consentement sans preuve n’en est pas un : il faut la version du texte présenté et une référence de preuve ({field} manque).',
    en: 'A consent without proof is no consent: it needs the version of the wording shown and an evidence reference ({field} is missing).',
  },
  problem_consent_method_refused: {
    fr: '{field} : la façon dont le consentement a été donné doit être un acte positif clair que la politique accepte ({allowed}).',
    en: '{field}: the way the consent was given must be a clear affirmative act the policy accepts ({allowed}).',
  },
  problem_future_date: {
    fr: '{field} : la date ne peut pas être dans le futur.',
    en: '{field}: the date cannot be in the future.',
  },
  problem_date_before: {
    fr: '{field} doit venir après {other}.',
    en: '{field} must come after {other}.',
  },
  problem_date_after: {
    fr: '{field} doit venir avant {other}.',
    en: '{field} must come before {other}.',
  },
  problem_not_one_of: {
    fr: '{field} : « {value} » n’est pas l’une des valeurs possibles ({allowed}).',
    en: '{field}: "{value}" is not one of {allowed}.',
  },
  problem_not_yes_no: {
    fr: '{field} : « {value} » n’est ni oui ni non.',
    en: '{field}: "{value}" is not yes or no.',
  },
  problem_email_and_phone: {
    fr: 'Donnez l’adresse e-mail ou le numéro, pas les deux.',
    en: 'Give the email address or the phone number, not both.',
  },
  problem_email_or_phone_required: {
    fr: 'Il faut une adresse e-mail ou un numéro de téléphone.',
    en: 'An email address or a phone number is required.',
  },
  problem_invalid_department: {
    fr: '« {value} » n’est pas un département français (75, 67, 2A, 974…).',
    en: '"{value}" is not a French département (75, 67, 2A, 974…).',
  },
  problem_invalid_slack_user: {
    fr: '{field} : « {value} » n’est pas un identifiant d’utilisateur Slack (U…).',
    en: '{field}: "{value}" is not a Slack user id (U…).',
  },
  problem_required: { fr: '{field} est obligatoire.', en: '{field} is required.' },
  problem_slot_incomplete: {
    fr: 'Donnez le début et la fin du créneau ({field}, {other}).',
    en: 'Give both the start and the end of the slot ({field}, {other}).',
  },
  problem_empty_list: { fr: 'La liste des destinataires est vide.', en: 'The recipient list is empty.' },
  problem_unknown_campaign: {
    fr: 'Aucune vérification de campagne n’a l’identifiant « {value} ».',
    en: 'No campaign check has the id "{value}".',
  },
  problem_file_unreadable: {
    fr: '{file} : lecture impossible ({reason}).',
    en: '{file}: cannot read ({reason}).',
  },
  problem_csv_unreadable: {
    fr: '{file} : fichier CSV illisible ({reason}).',
    en: '{file}: unreadable CSV ({reason}).',
  },
  problem_csv_no_identifier_column: {
    fr: '{file}:1 : aucune colonne e-mail ou téléphone dans l’en-tête.',
    en: '{file}:1: no email or phone column in the header.',
  },
  problem_csv_empty: {
    fr: '{file} est vide : rien à importer (il faut une ligne d’en-tête, puis un contact par ligne).',
    en: '{file} is empty: nothing to import (a header row is needed, then one contact a row).',
  },
  problem_csv_no_data_row: {
    fr: '{file} n’a qu’une ligne d’en-tête : aucun contact à importer.',
    en: '{file} has a header row and no contact under it: nothing to import.',
  },
  problem_import_two_contacts: {
    fr: '{file}:{line} : l’adresse e-mail et le numéro de cette ligne appartiennent à deux contacts différents ; {limit, plural, =0 {rien n’a été importé} one {seule la # ligne valide avant sa tranche du fichier a été importée} other {seules les # lignes valides avant sa tranche du fichier ont été importées}}. Corrigez la ligne et importez le fichier à nouveau.',
    en: '{file}:{line}: the email and the phone number of this row belong to two different contacts; {limit, plural, =0 {nothing was imported} one {only the # good row before its slice of the file was imported} other {only the # good rows before its slice of the file were imported}}. Fix the row and import the file again.',
  },
  problem_csv_no_column: {
    fr: '{file}:1 : aucune colonne {value} (ni en-tête ni valeurs) pour cette campagne.',
    en: '{file}:1: no {value} column (header or values) for this campaign.',
  },
  problem_postal_not_checked: {
    fr: 'Les campagnes postales ne sont pas vérifiées : aucune adresse postale n’est conservée.',
    en: 'Postal campaigns are not checked: no postal addresses are kept.',
  },
  problem_contact_without_identifier: {
    fr: 'Ce contact n’a plus ni adresse e-mail ni numéro.',
    en: 'This contact has no email or phone left.',
  },
  problem_identifiers_of_two_contacts: {
    fr: 'Ces identifiants appartiennent à deux contacts différents : si c’est la même personne, réunissez-les (contact merge A B).',
    en: 'These identifiers belong to two different contacts: if they are one person, join them (contact merge A B).',
  },
  problem_not_an_identifier_of_contact: {
    fr: 'Ce contact n’a pas cette adresse ou ce numéro ({field}) : rien n’a été remplacé.',
    en: 'This contact does not have this address or number ({field}): nothing was replaced.',
  },
  problem_replace_other_kind: {
    fr: 'Une adresse e-mail se remplace par une adresse, un numéro par un numéro ({field}).',
    en: 'An email is replaced by an email, a number by a number ({field}).',
  },
  problem_unknown_source_entry: {
    fr: 'Ce contact n’a pas de source n° {value} ({field}) : 1 est la première collecte.',
    en: 'This contact has no source number {value} ({field}): 1 is the first collection.',
  },
  problem_identifier_held_use_replace: {
    fr: 'Ce contact a déjà un(e) {field} : pour en ajouter un autre, --add-{value} ; pour le changer, --replace-{value} ANCIEN NOUVEAU.',
    en: 'This contact already has a {field}: to add another, --add-{value}; to change it, --replace-{value} OLD NEW.',
  },
  problem_merge_same_contact: {
    fr: 'Ces deux identifiants sont déjà ceux du même contact : rien à fusionner.',
    en: 'These two identifiers are already the same contact’s: nothing to merge.',
  },
  problem_replace_needs_two: {
    fr: '{field} attend deux valeurs : l’ancienne puis la nouvelle.',
    en: '{field} takes two values: the old one, then the new one.',
  },
  problem_unknown_request: { fr: 'Demande inconnue : « {value} ».', en: 'Unknown request: "{value}".' },
  problem_stale_button: { fr: 'Ce bouton n’est plus valable.', en: 'This button is no longer valid.' },
  problem_damaged_form: { fr: 'Formulaire endommagé : rouvrez-le.', en: 'Damaged form: open it again.' },
  problem_file_no_link: {
    fr: 'Le fichier n’a pas de lien de téléchargement.',
    en: 'The file has no download link.',
  },
  problem_download_refused: {
    fr: 'Téléchargement refusé (HTTP {status}).',
    en: 'Download refused (HTTP {status}).',
  },
  problem_file_is_web_page: {
    fr: 'Slack a envoyé une page web au lieu du fichier (la permission files:read manque-t-elle ?).',
    en: 'Slack sent a web page instead of the file (is the files:read scope missing?).',
  },
  problem_file_too_big: { fr: 'Le fichier dépasse {limit} Mo.', en: 'The file is over {limit} MB.' },
  problem_invalid_date: {
    fr: '{field} : « {value} » n’est pas une date (écrivez JJ/MM/AAAA comme 13/01/2026, ou AAAA-MM-JJ comme 2026-01-13, l’heure après si besoin : 13/01/2026 10:30).',
    en: '{field}: "{value}" is not a date (write DD/MM/YYYY as 13/01/2026, or YYYY-MM-DD as 2026-01-13, with the time after it if needed: 13/01/2026 10:30).',
  },
  problem_not_allowed: {
    fr: 'Refusé : seuls le propriétaire du contact et les rôles conformité peuvent faire cela ({value}). La tentative est journalisée.',
    en: 'Refused: only the contact’s owner and compliance roles may do this ({value}). The attempt is logged.',
  },
  problem_refused_role: {
    fr: 'Refusé : réservé au rôle « {value} » de la politique. La tentative est journalisée.',
    en: 'Refused: reserved to the policy role “{value}”. The attempt is logged.',
  },
  problem_no_store: {
    fr: 'Aucun registre à {file} : vérifiez --db, ou créez-le avec `prospect-guard init`.',
    en: 'No store at {file}: check --db, or create one with `prospect-guard init`.',
  },
  problem_file_exists: {
    fr: '{file} existe déjà : ajoutez --force pour le remplacer.',
    en: '{file} already exists: add --force to replace it.',
  },
  problem_store_file: {
    fr: '{file} est un fichier du registre : choisissez un autre chemin.',
    en: '{file} is one of the store’s files: choose another path.',
  },
  problem_needs_confirmation: {
    fr: 'Cette commande supprime des données : ajoutez --yes pour confirmer hors d’un terminal.',
    en: 'This command deletes data: add --yes to confirm it outside a terminal.',
  },
  problem_too_long: {
    fr: '{field} est trop long : {limit} au plus (caractères, ou lignes pour une liste).',
    en: '{field} is too long: {limit} at most (characters, or rows for a list).',
  },
  problem_policy_no_scenario: {
    fr: '{file} : aucun scénario à jouer (pas de section tests:, et aucun dans {value}) : donnez --tests FICHIER. Un test qui ne teste rien ne passe pas.',
    en: '{file}: no scenario to run (no tests: section, and none in {value}): give --tests FILE. A test run that tests nothing does not pass.',
  },
  problem_invalid_key_name: {
    fr: '{field} : « {value} » ne convient pas (1 à 60 lettres, chiffres, espaces, . _ -).',
    en: '{field}: "{value}" will not do (1 to 60 letters, digits, spaces, . _ -).',
  },
  problem_key_name_taken: {
    fr: 'Une clé active s’appelle déjà « {value} » : révoquez-la ou choisissez un autre nom.',
    en: 'A live key is already named "{value}": revoke it or choose another name.',
  },
  problem_unknown_api_key: {
    fr: 'Aucune clé d’API « {value} » (ni par identifiant, ni par nom).',
    en: 'No API key "{value}" (neither by id nor by name).',
  },
  problem_invalid_webhook_url: {
    fr: '{field} : « {value} » ne convient pas : une adresse https:// (http:// seulement vers cette machine).',
    en: '{field}: "{value}" will not do: an https:// address (http:// only to this machine).',
  },
  problem_webhook_exists: {
    fr: 'Un webhook vers {value} existe déjà : chaque évènement y serait envoyé deux fois.',
    en: 'A webhook to {value} exists already: every event would be sent there twice.',
  },
  problem_unknown_webhook: {
    fr: 'Aucun webhook ni livraison « {value} ».',
    en: 'No webhook or delivery "{value}".',
  },
  problem_invalid_workspace: {
    fr: '« {value} » n’est pas un identifiant d’espace Slack (T… pour une équipe, E… pour une organisation).',
    en: '"{value}" is not a Slack workspace id (T… for a team, E… for an organisation).',
  },
  problem_needs_flag: {
    fr: '{field} ne sert qu’avec {other}.',
    en: '{field} only applies with {other}.',
  },
  problem_not_postgres: {
    fr: '« {value} » n’est pas une adresse PostgreSQL (postgres://utilisateur:mot-de-passe@hôte:5432/base).',
    en: '"{value}" is not a PostgreSQL URL (postgres://user:password@host:5432/database).',
  },
  problem_file_store_only: {
    fr: '`store {value}` lit les fichiers d’un registre en fichier ; avec PostgreSQL, utilisez pg_dump et `audit verify`.',
    en: '`store {value}` reads the files of a file register; with PostgreSQL, use pg_dump and `audit verify`.',
  },
  problem_invalid_duration: {
    fr: '« {value} » n’est pas une durée ISO 8601 (par exemple P3Y, P30D, PT2H).',
    en: '"{value}" is not an ISO 8601 duration (e.g. P3Y, P30D, PT2H).',
  },
  // Issue 26: files back out for people (the access report, the register export).
  problem_controller_missing: {
    fr: 'La politique n’a pas de section controller: (nom, adresse, DPO, destinataires, transferts) : le rapport d’accès qu’une personne lit ne peut pas être fait sans eux (README, « The DPO’s exports »). --format json reste possible.',
    en: 'The policy has no controller: section (name, address, DPO, recipients, transfers): the access report a person reads cannot be made without them (README, "The DPO\'s exports"). --format json still works.',
  },
  problem_register_export_not_allowed: {
    fr: 'Refusé : seuls l’opérateur et les rôles conformité peuvent exporter le registre, identifiants en clair. La tentative est journalisée.',
    en: 'Refused: only the operator and compliance roles may export the register, identifiers in full. The attempt is logged.',
  },
  problem_export_file_type: {
    fr: '{field} : « {value} » doit finir par {allowed}.',
    en: '{field}: "{value}" must end with {allowed}.',
  },
} as const satisfies Record<string, Record<Lang, string>>;

/** Fields as Slack readers see them (the command line shows its flags instead). */
