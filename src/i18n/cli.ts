import type { Lang } from './lang.ts';

/** What the command line says when a command is done. */
export const cli = {
  cli_contact_line: {
    fr: '{id}  {who}  {about} · propriétaire {owner} · source {source} · {deadline}',
    en: '{id}  {who}  {about} · owner {owner} · source {source} · {deadline}',
  },
  cli_contact_deadline: { fr: 'à effacer le {date}', en: 'to be erased on {date}' },
  cli_contact_overdue: { fr: '⛔ à effacer depuis le {date}', en: '⛔ overdue since {date}' },
  cli_contact_no_deadline: {
    fr: 'client en cours : pas d’échéance',
    en: 'current customer: no deadline',
  },
  cli_contact_list_empty: { fr: 'Aucun contact ne correspond.', en: 'No contact matches.' },
  cli_contact_unknown: { fr: 'Rien dans le registre pour {who}.', en: 'Nothing in the register for {who}.' },
  cli_contact_counts: {
    fr: '{consents, plural, one {# consentement} other {# consentements}} · {objections, plural, one {# opposition} other {# oppositions}} · {interactions, plural, one {# interaction} other {# interactions}}',
    en: '{consents, plural, one {# consent record} other {# consent records}} · {objections, plural, one {# objection} other {# objections}} · {interactions, plural, one {# interaction} other {# interactions}}',
  },
  cli_contact_added: {
    fr: 'contact ajouté : {who} ({id})',
    en: 'added contact {who} ({id})',
  },
  cli_contact_updated: {
    fr: 'contact mis à jour : {who} ({id}) — {fields}',
    en: 'updated contact {who} ({id}): {fields}',
  },
  cli_contact_unchanged: {
    fr: 'contact déjà connu, rien de nouveau : {who} ({id})',
    en: 'contact already known, nothing new: {who} ({id})',
  },
  cli_contact_merged: {
    fr: 'fusionnés en un contact : {who} ({id}) reçoit de {gone} : {fields} ; consentements, événements et oppositions des deux le suivent.',
    en: 'merged into one contact: {who} ({id}) takes from {gone}: {fields}; the consents, events and objections of both follow it.',
  },
  cli_contact_merge_differed: {
    fr: 'différents dans les deux fiches, la valeur de la plus ancienne est gardée : {fields}',
    en: 'different in the two records, the older record’s value is kept: {fields}',
  },
  cli_contact_kept: {
    fr: 'laissé tel quel (déjà connu ; pour le changer : `contact edit`, propriétaire ou conformité) : {fields}',
    en: 'left as it was (already known; to change it: `contact edit`, owner or compliance): {fields}',
  },
  cli_consent_granted: {
    fr: 'consentement enregistré : {channel}/{purpose} le {at}',
    en: 'consent granted: {channel}/{purpose} on {at}',
  },
  cli_consent_withdrawn: {
    fr: 'retrait de consentement enregistré : {channel}/{purpose} le {at}',
    en: 'consent withdrawn: {channel}/{purpose} on {at}',
  },
  // Issue 25: a withdrawal ends that consent only; it is not an objection.
  cli_consent_withdrawn_scope: {
    fr: 'les consentements « {purpose} » par {channel} prennent fin ; ce n’est pas une opposition : ses autres consentements restent (pour s’opposer : `optout`).',
    en: 'the "{purpose}" consents by {channel} end; this is not an objection: the other consents stay (to object: `optout`).',
  },
  cli_contact_withdrawals: {
    fr: ' · {withdrawals, plural, one {# consentement retiré} other {# consentements retirés}}',
    en: ' · {withdrawals, plural, one {# consent withdrawn} other {# consents withdrawn}}',
  },
  cli_event_done: {
    fr: 'événement enregistré : {type} le {at}',
    en: 'recorded {type} on {at}',
  },
  cli_api_key_created: {
    fr: 'Clé « {name} » ({id}) créée, portées {scopes}. Elle ne sera plus affichée : copiez-la maintenant.',
    en: 'Key "{name}" ({id}) created, scopes {scopes}. It will not be shown again: copy it now.',
  },
  cli_api_keys_none: { fr: 'Aucune clé d’API.', en: 'No API keys.' },
  cli_api_key_revoked_on: { fr: 'révoquée le {date}', en: 'revoked on {date}' },
  cli_api_key_revoked: {
    fr: 'Clé « {name} » ({id}) révoquée : tout appel avec elle est refusé.',
    en: 'Key "{name}" ({id}) revoked: every call made with it is refused.',
  },
  cli_webhook_added: {
    fr: 'Webhook {id} ajouté vers {url}. Son secret de signature (affiché une seule fois) :',
    en: 'Webhook {id} added for {url}. Its signing secret (shown once):',
  },
  cli_webhook_removed: { fr: 'Webhook {id} retiré.', en: 'Webhook {id} removed.' },
  cli_webhook_dead: { fr: 'abandonnée', en: 'given up' },
  cli_webhook_next: { fr: 'prochain essai {at}', en: 'next try {at}' },
  cli_webhook_none_failed: { fr: 'Aucune livraison en échec.', en: 'No failed deliveries.' },
  cli_webhook_retried: {
    fr: '{count, plural, one {# livraison sera retentée} other {# livraisons seront retentées}} dès maintenant.',
    en: '{count, plural, one {# delivery will be tried} other {# deliveries will be tried}} again from now.',
  },
  cli_optout_done: {
    fr: 'opposition enregistrée ({scope}) pour {count, plural, one {# identifiant} other {# identifiants}}',
    en: 'objection recorded ({scope}) for {count, plural, one {# identifier} other {# identifiers}}',
  },
  cli_import_done: {
    fr: 'import de {rows, plural, one {# ligne} other {# lignes}} ({encoding}) : {created, plural, one {# nouveau} other {# nouveaux}}, {updated, plural, one {# mis à jour} other {# mis à jour}}',
    en: 'imported {rows, plural, one {# row} other {# rows}} ({encoding}): {created} new, {updated} updated',
  },
  cli_import_objections: {
    fr: '{count, plural, one {# personne désinscrite ou opposée dans le fichier : son opposition est enregistrée} other {# personnes désinscrites ou opposées dans le fichier : leurs oppositions sont enregistrées}} (liste d’opposition)',
    en: '{count, plural, one {# person the file says unsubscribed or objected: recorded as an objection} other {# people the file says unsubscribed or objected: recorded as objections}} (suppression list)',
  },
  cli_import_column: { fr: 'colonne « {column} » ({field})', en: 'column "{column}" ({field})' },
  cli_import_column_is_field: { fr: 'colonne « {column} »', en: 'column "{column}"' },
  cli_import_about: { fr: '{label} : {problem}', en: '{label}: {problem}' },
  cli_import_field_dropped: {
    fr: '{problem} Ligne gardée sans ce champ.',
    en: '{problem} Row kept without it.',
  },
  cli_import_dropped: {
    fr: '{dropped, plural, one {# champ illisible laissé} other {# champs illisibles laissés}} de côté (voir ci-dessus) : leurs lignes sont importées sans eux',
    en: '{dropped, plural, one {# unreadable field} other {# unreadable fields}} left out (see above): their rows are imported without them',
  },
  cli_import_skipped: {
    fr: '{bad, plural, one {# ligne invalide laissée} other {# lignes invalides laissées}} de côté (voir ci-dessus)',
    en: '{bad, plural, one {# invalid row} other {# invalid rows}} left out (see above)',
  },
  cli_import_reason_column: { fr: 'motif du rejet', en: 'reason rejected' },
  cli_import_line: { fr: 'Ligne {line} :', en: 'Line {line}:' },
  cli_import_more: {
    fr: '… et {count, plural, one {# autre} other {# autres}} ({what})',
    en: '… and {count} more ({what})',
  },
  cli_import_more_in_file: { fr: 'toutes dans {file}', en: 'all of them in {file}' },
  cli_import_more_flag: {
    fr: '--rejected FICHIER écrit les lignes rejetées avec leur motif',
    en: '--rejected FILE writes the rejected rows with their reason',
  },
  cli_import_none: {
    fr: 'rien n’a été importé : {bad, plural, one {# ligne} other {# lignes}} sur {rows} {bad, plural, one {est invalide} other {sont invalides}}',
    en: 'nothing imported: {bad} of {rows} rows are invalid',
  },
  cli_purge_nothing: {
    fr: 'rien à purger',
    en: 'nothing to purge',
  },
  cli_erased: {
    fr: 'effacé : {contacts, plural, one {# contact} other {# contacts}}, {consents, plural, one {# consentement} other {# consentements}}, {interactions, plural, one {# interaction} other {# interactions}}, {decisions, plural, one {# décision} other {# décisions}} ; empreinte d’opposition conservée',
    en: 'erased: {contacts, plural, one {# contact} other {# contacts}}, {consents, plural, one {# consent} other {# consents}}, {interactions, plural, one {# interaction} other {# interactions}}, {decisions, plural, one {# decision} other {# decisions}}; objection hash kept',
  },
  cli_audit_ok: {
    fr: 'journal d’audit intact : {entries, plural, one {# entrée} other {# entrées}} ({unchained} antérieures à la chaîne)',
    en: 'audit trail intact: {entries, plural, one {# entry} other {# entries}} ({unchained} from before the chain)',
  },
  cli_audit_altered: {
    fr: 'journal d’audit ALTÉRÉ : l’entrée n° {position} ({id}) ne correspond plus à son empreinte',
    en: 'audit trail ALTERED: entry {position} ({id}) no longer matches its hash',
  },
  cli_audit_removed: {
    fr: 'journal d’audit INCOMPLET : une entrée manque juste avant l’entrée n° {position} ({id})',
    en: 'audit trail INCOMPLETE: an entry is missing just before entry {position} ({id})',
  },
  cli_confirm_purge: {
    fr: 'Purger cela ? Rien ne pourra être récupéré (les oppositions restent).',
    en: 'Purge this? Nothing can be brought back (objections stay).',
  },
  cli_confirm_delete: {
    fr: 'Suppression de {who} : contact, consentements, interactions et décisions ; une opposition éventuelle reste dans la liste d’opposition.',
    en: 'Deleting {who}: contact, consents, interactions and decisions; any objection stays in the suppression list.',
  },
  cli_deleted: {
    fr: 'supprimé : {contacts, plural, one {# contact} other {# contacts}}, {consents, plural, one {# consentement} other {# consentements}}, {interactions, plural, one {# interaction} other {# interactions}}, {decisions, plural, one {# décision} other {# décisions}} ; oppositions conservées',
    en: 'deleted: {contacts, plural, one {# contact} other {# contacts}}, {consents, plural, one {# consent} other {# consents}}, {interactions, plural, one {# interaction} other {# interactions}}, {decisions, plural, one {# decision} other {# decisions}}; objections kept',
  },
  cli_confirm_erase: {
    fr: 'Effacement de {who} : contact, consentements, interactions et décisions ; seule l’empreinte d’opposition reste.',
    en: 'Erasing {who}: contact, consents, interactions and decisions; only the objection hash stays.',
  },
  cli_confirm_question: { fr: 'Confirmer ?', en: 'Go ahead?' },
  cli_cancelled: { fr: 'annulé : rien n’a été supprimé', en: 'cancelled: nothing was deleted' },
  cli_store_created: {
    fr: 'nouveau registre vide créé à {file}',
    en: 'created a new, empty store at {file}',
  },
  cli_store_ready: { fr: 'registre prêt : {file}', en: 'store ready: {file}' },
  cli_store_ok: {
    fr: 'registre intact : {seq} changements, dont {journal} dans le journal ; clé et journal d’audit vérifiés',
    en: 'store intact: {seq} changes, {journal} of them in the journal; key and audit trail checked',
  },
  cli_store_migrated: {
    fr: '{location} : schéma à jour ({applied, plural, =0 {aucune migration à appliquer} one {migration appliquée : {versions}} other {migrations appliquées : {versions}}}).',
    en: '{location}: schema up to date ({applied, plural, =0 {no migration to apply} one {migration applied: {versions}} other {migrations applied: {versions}}}).',
  },
  cli_store_copied: {
    fr: 'registre copié vers {to} : {contacts} contacts, {consents} consentements, {interactions} interactions, {suppressions} oppositions, {decisions} décisions, {audit} entrées d’audit (chaîne vérifiée), {campaigns} campagnes, {reminders} rappels ; les comptes concordent.',
    en: 'register copied to {to}: {contacts} contacts, {consents} consents, {interactions} interactions, {suppressions} objections, {decisions} decisions, {audit} audit entries (chain proven), {campaigns} campaigns, {reminders} reminders; the counts match.',
  },
  cli_store_copied_key: {
    fr: 'La clé de hachage est dans {file} : donnez PROSPECT_GUARD_HASH_KEY_FILE={file} à chaque réplique.',
    en: 'The hash key is in {file}: give PROSPECT_GUARD_HASH_KEY_FILE={file} to every replica.',
  },
  cli_backup_done: {
    fr: 'copie faite : {file} (jusqu’au changement {seq}). Sans la clé de hachage (copiée à côté si elle est dans un fichier, sinon PROSPECT_GUARD_HASH_KEY), aucune opposition ne se retrouve : gardez-les ensemble. Vérifiez une restauration avec `store verify`.',
    en: 'copy made: {file} (up to change {seq}). Without the hash key (copied beside it when it is a file, else PROSPECT_GUARD_HASH_KEY) no objection can be matched: keep them together. Check a restore with `store verify`.',
  },
} as const satisfies Record<string, Record<Lang, string>>;
