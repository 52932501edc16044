/** The HTTP API's own words: problem titles and the details of what a request got wrong. */
export const api = {
  api_title_invalid: { fr: 'Requête invalide', en: 'Invalid request' },
  api_title_unauthorized: { fr: 'Clé d’API absente ou inconnue', en: 'Missing or unknown API key' },
  api_title_bad_signature: { fr: 'Signature refusée', en: 'Signature refused' },
  api_title_method: { fr: 'Méthode non prise en charge', en: 'Method not allowed' },
  api_title_revoked: { fr: 'Clé d’API révoquée', en: 'API key revoked' },
  api_title_forbidden: { fr: 'Portée insuffisante', en: 'Scope not granted' },
  api_title_rate_limited: { fr: 'Trop de requêtes', en: 'Too many requests' },
  api_title_not_found: { fr: 'Ressource inconnue', en: 'Not found' },
  api_title_unavailable: { fr: 'Registre indisponible', en: 'Register unavailable' },
  api_title_internal: { fr: 'Erreur interne', en: 'Internal error' },
  api_detail_unauthorized: {
    fr: 'Envoyez la clé créée par le DPO (prospect-guard api-key create) dans l’en-tête Authorization: Bearer <clé>.',
    en: 'Send the key the DPO created (prospect-guard api-key create) in the header Authorization: Bearer <key>.',
  },
  api_detail_bad_signature: {
    fr: 'Signature HubSpot absente, fausse ou de plus de cinq minutes (ou HUBSPOT_CLIENT_SECRET non configuré).',
    en: 'HubSpot signature missing, wrong or over five minutes old (or HUBSPOT_CLIENT_SECRET not set).',
  },
  api_detail_revoked: {
    fr: 'Cette clé a été révoquée le {date} : demandez-en une nouvelle au DPO.',
    en: 'This key was revoked on {date}: ask the DPO for a new one.',
  },
  api_detail_forbidden: {
    fr: 'La clé « {name} » n’a pas la portée « {scope} » (elle a : {scopes}).',
    en: 'Key "{name}" does not have the scope "{scope}" (it has: {scopes}).',
  },
  api_detail_query_key: {
    fr: 'La clé « {name} » est passée dans l’URL : seule une clé de la portée « objections » seule le peut (elle a : {scopes}). Créez-en une pour cet outil.',
    en: 'Key "{name}" came in the URL: only a key with the scope "objections" alone may (it has: {scopes}). Create one for this tool.',
  },
  api_detail_rate_limited: {
    fr: 'La clé « {name} » a dépassé {limit} requêtes par minute : réessayez dans {seconds} s.',
    en: 'Key "{name}" went over {limit} requests a minute: try again in {seconds} s.',
  },
  api_detail_method: { fr: '{path} ne répond qu’à POST.', en: '{path} answers POST only.' },
  api_detail_not_found: { fr: 'Aucune route {path}.', en: 'No route {path}.' },
  api_detail_too_large: {
    fr: 'Le corps de la requête dépasse {limit} Mio (un lot compte 10 000 cibles au plus).',
    en: 'The request body is over {limit} MiB (a batch holds 10,000 targets at most).',
  },
  api_detail_media_type: {
    fr: 'Envoyez le corps en JSON, avec l’en-tête Content-Type: application/json.',
    en: 'Send the body as JSON, with the header Content-Type: application/json.',
  },
  api_detail_malformed: {
    fr: 'Le corps de la requête n’est pas du JSON valide (Content-Type: application/json).',
    en: 'The request body is not valid JSON (Content-Type: application/json).',
  },
  api_detail_unavailable: {
    fr: 'Le registre ne peut pas enregistrer pour le moment ; rien n’a été modifié. Réessayez.',
    en: 'The register cannot record right now; nothing was changed. Try again.',
  },
  api_detail_internal: {
    fr: 'Une erreur inattendue ; rien n’a été modifié. Référence : {ref}.',
    en: 'An unexpected error; nothing was changed. Reference: {ref}.',
  },
  api_detail_fields: {
    fr: '{count, plural, one {Un champ ne va pas} other {# champs ne vont pas}} : voir errors.',
    en: '{count, plural, one {One field is wrong} other {# fields are wrong}}: see errors.',
  },
  api_field_choice: { fr: '{field} : une de ces valeurs : {allowed}.', en: '{field}: one of {allowed}.' },
  api_field_type: { fr: '{field} : attendu {expected}.', en: '{field}: expected {expected}.' },
  api_field_unknown: {
    fr: '{field} : champ inconnu (les champs sont ceux de openapi.json).',
    en: '{field}: unknown field (the fields are those of openapi.json).',
  },
  api_field_too_many: {
    fr: '{field} : {limit} éléments au plus.',
    en: '{field}: {limit} items at most.',
  },
  api_field_empty: { fr: '{field} : au moins un élément.', en: '{field}: at least one item.' },
  api_field_person: {
    fr: 'Donnez email ou phone (l’un des deux).',
    en: 'Give email or phone (one of the two).',
  },
} as const;
