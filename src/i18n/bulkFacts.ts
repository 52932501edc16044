import type { Lang } from './lang.ts';

/** Facts in bulk: `import-consents` and `import-suppressions`, and the problems their rows may have. */
export const bulkFacts = {
  problem_csv_nothing_to_import: {
    fr: '{file} : aucune ligne à importer (il faut une ligne d’en-tête, puis une ligne par personne).',
    en: '{file}: no row to import (a header row is needed, then one row a person).',
  },
  problem_csv_missing_column: {
    fr: '{file}:1 : aucune colonne « {field} » dans l’en-tête (par exemple {allowed}) : chaque ligne en a besoin.',
    en: '{file}:1: no "{field}" column in the header (such as {allowed}): every row needs one.',
  },
  problem_consent_date_required: {
    fr: '{field} : il faut la date à laquelle la personne a consenti ; sans elle, le consentement serait daté d’aujourd’hui, ce qu’il n’est pas.',
    en: '{field}: the date the person gave her consent is needed; without it the consent would be dated today, which it is not.',
  },
  problem_invalid_hash: {
    fr: '{field} : « {value} » n’est pas une empreinte SHA-256 (64 caractères hexadécimaux) ni MD5 (32).',
    en: '{field}: "{value}" is not a SHA-256 hash (64 hexadecimal digits) nor an MD5 one (32).',
  },
  problem_suppression_domain: {
    fr: '« {value} » est un domaine, pas une personne : une opposition est celle d’une personne (RGPD art. 21). Bloquez ce domaine dans l’outil d’envoi.',
    en: '"{value}" is a domain, not a person: an objection is a person’s (GDPR art. 21). Block the domain in the sending tool.',
  },
  fieldname_capturedWhere: { fr: 'lieu de recueil', en: 'where given' },
  fieldname_collectedBy: { fr: 'recueilli par', en: 'collected by' },
  fieldname_emailHash: { fr: 'empreinte de l’adresse', en: 'hashed address' },
  fieldname_phoneHash: { fr: 'empreinte du numéro', en: 'hashed number' },
  fieldname_person: { fr: 'personne', en: 'person' },
  fieldname_optOut: { fr: 'désinscription', en: 'opt-out' },
  fieldname_scope: { fr: 'moyen concerné', en: 'means' },
  fieldname_reason: { fr: 'motif', en: 'reason' },
  cli_bulk_none: {
    fr: 'rien n’a été enregistré : {bad, plural, one {# ligne} other {# lignes}} sur {rows} {bad, plural, one {est invalide} other {sont invalides}} (corrigez-les, ou --skip-invalid pour enregistrer les autres)',
    en: 'nothing recorded: {bad} of {rows} rows are invalid (fix them, or --skip-invalid to record the others)',
  },
  cli_bulk_skipped: {
    fr: '{bad, plural, one {# ligne invalide laissée} other {# lignes invalides laissées}} de côté (voir ci-dessus)',
    en: '{bad, plural, one {# invalid row} other {# invalid rows}} left out (see above)',
  },
  cli_bulk_dropped: {
    fr: '{count, plural, one {# identifiant illisible laissé} other {# identifiants illisibles laissés}} de côté (voir ci-dessus) : leurs lignes sont enregistrées par les autres',
    en: '{count, plural, one {# unreadable identifier} other {# unreadable identifiers}} left out (see above): their rows are recorded by the others',
  },
  cli_bulk_dry_run: {
    fr: '--dry-run : rien n’a été enregistré.',
    en: '--dry-run: nothing was recorded.',
  },
  cli_consents_done: {
    fr: 'consentements de {file} ({encoding}) : {rows, plural, one {# ligne} other {# lignes}}, {recorded, plural, one {# consentement enregistré} other {# consentements enregistrés}}, {already, plural, one {# déjà enregistré} other {# déjà enregistrés}}',
    en: 'consents from {file} ({encoding}): {rows, plural, one {# row} other {# rows}}, {recorded, plural, one {# consent recorded} other {# consents recorded}}, {already} already recorded',
  },
  cli_consents_would: {
    fr: 'consentements de {file} ({encoding}) : {rows, plural, one {# ligne} other {# lignes}}, {recorded, plural, one {# consentement serait enregistré} other {# consentements seraient enregistrés}}, {already, plural, one {# déjà enregistré} other {# déjà enregistrés}}',
    en: 'consents from {file} ({encoding}): {rows, plural, one {# row} other {# rows}}, {recorded, plural, one {# consent would be recorded} other {# consents would be recorded}}, {already} already recorded',
  },
  cli_consents_sample: {
    fr: '  ligne {line} : {person}, {channel}, {purpose}, donné {at} ({method}, texte « {wording} », preuve « {evidence} »)',
    en: '  line {line}: {person}, {channel}, {purpose}, given {at} ({method}, wording "{wording}", evidence "{evidence}")',
  },
  cli_suppressions_done: {
    fr: 'liste d’opposition {file} ({encoding}) : {rows, plural, one {# ligne} other {# lignes}}, {objected, plural, one {# opposition enregistrée} other {# oppositions enregistrées}}',
    en: 'suppression list {file} ({encoding}): {rows, plural, one {# row} other {# rows}}, {objected, plural, one {# objection recorded} other {# objections recorded}}',
  },
  cli_suppressions_would: {
    fr: 'liste d’opposition {file} ({encoding}) : {rows, plural, one {# ligne} other {# lignes}}, {objected, plural, one {# opposition serait enregistrée} other {# oppositions seraient enregistrées}}',
    en: 'suppression list {file} ({encoding}): {rows, plural, one {# row} other {# rows}}, {objected, plural, one {# objection would be recorded} other {# objections would be recorded}}',
  },
  cli_suppressions_people: { fr: '  {people} ; par moyen : {means}', en: '  {people}; by means: {means}' },
  cli_suppressions_emails: {
    fr: '{count, plural, one {# adresse} other {# adresses}}',
    en: '{count, plural, one {# address} other {# addresses}}',
  },
  cli_suppressions_phones: {
    fr: '{count, plural, one {# numéro} other {# numéros}}',
    en: '{count, plural, one {# number} other {# numbers}}',
  },
  cli_suppressions_hashes: {
    fr: '{count, plural, one {# empreinte} other {# empreintes}} d’un autre outil ({kinds})',
    en: '{count, plural, one {# hash} other {# hashes}} from another tool ({kinds})',
  },
  cli_suppressions_not_objections: {
    fr: '{count, plural, one {# ligne n’est pas une opposition} other {# lignes ne sont pas des oppositions}} (adresse en erreur, personne encore abonnée ou non désinscrite) : {count, plural, one {laissée} other {laissées}} de côté',
    en: '{count, plural, one {# row is not an objection} other {# rows are not objections}} (a bounce, a person still subscribed or not opted out): left out',
  },
  cli_suppressions_sample: {
    fr: '  ligne {line} : {person} → {scopes}{since}',
    en: '  line {line}: {person} → {scopes}{since}',
  },
  cli_suppressions_since: { fr: ', depuis le {at}', en: ', since {at}' },
  cli_suppressions_kept: {
    fr: 'Une opposition n’est jamais effacée (RGPD art. 21(3)) : vérifiez la liste avant de l’importer.',
    en: 'An objection is never deleted (GDPR art. 21(3)): check the list before importing it.',
  },
} as const satisfies Record<string, Record<Lang, string>>;
