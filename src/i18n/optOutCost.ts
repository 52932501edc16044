import type { Lang } from './lang.ts';

/**
 * What an opt-out costs (CPCE L.34-5: "sans frais autres que ceux liés à la transmission"): the reasons of the
 * message check on the number an SMS asks to write STOP to. `tariff_*` say why a number costs more, or may.
 */
export const optOutCost = {
  campaign_stop_surcharged: {
    fr: '« STOP » est à envoyer au {number}, {why} : la désinscription ne doit rien coûter de plus que l’envoi du SMS. Utilisez un numéro court en 36xxx ou un numéro non surtaxé.',
    en: 'STOP is to be sent to {number}, {why}: opting out must cost nothing beyond sending the SMS. Use a 36xxx short code or a number without surcharge.',
  },
  campaign_stop_unknown: {
    fr: '« STOP » est à envoyer au {number}, {why} : vérifiez qu’il ne coûte que le prix d’un SMS avant d’approuver, ou utilisez un numéro court en 36xxx.',
    en: 'STOP is to be sent to {number}, {why}: check that it costs only the price of an SMS before approving, or use a 36xxx short code.',
  },
  campaign_stop_no_number: {
    fr: 'Le SMS demande « STOP » sans dire à quel numéro : la réponse part vers le numéro d’envoi, que le message ne montre pas. Vérifiez que c’est un numéro court en 3xxxx ou un numéro non surtaxé, ou écrivez « STOP au 36xxx ».',
    en: 'The SMS asks for STOP without saying to which number: the reply goes to the sending number, which the message does not show. Check that it is a 3xxxx short code or a number without surcharge, or write "STOP to 36xxx".',
  },
  'tariff_sms-tier-surcharged': {
    fr: 'un numéro court SMS+ du palier {tier}, surtaxé jusqu’à {price} par SMS en plus de son envoi',
    en: 'an SMS+ short code of tier {tier}, surcharged up to {price} per SMS on top of sending it',
  },
  'tariff_sva-surcharged': {
    fr: 'un numéro en {prefix} à tarification majorée (surtaxé)',
    en: 'a {prefix} number with a surcharged tariff',
  },
  tariff_directory: {
    fr: 'un numéro de renseignements en 118, à tarification majorée',
    en: 'a 118 directory-enquiry number, with a surcharged tariff',
  },
  'tariff_foreign-premium': {
    fr: 'un numéro surtaxé à l’étranger',
    en: 'a premium-rate number abroad',
  },
  'tariff_short-service': {
    fr: 'un numéro court en {prefix}xx, dont le tarif (normal ou majoré) dépend du service et non du numéro',
    en: 'a {prefix}xx short number, whose tariff (ordinary or surcharged) depends on the service, not on the number',
  },
  'tariff_sva-unassigned': {
    fr: 'un numéro en {prefix}, une tranche à laquelle le plan de l’Arcep ne donne pas de tarif',
    en: 'a {prefix} number, a range to which the Arcep plan gives no tariff',
  },
  'tariff_sms-unplanned': {
    fr: 'un numéro à 5 chiffres hors des paliers SMS (qui commencent par 3 à 9)',
    en: 'a 5-digit number outside the SMS tiers (which start with 3 to 9)',
  },
  'tariff_short-other': {
    fr: 'un numéro court dont le plan de numérotation ne dit pas le tarif',
    en: 'a short number whose tariff the numbering plan does not give',
  },
  tariff_foreign: {
    fr: 'un numéro à l’étranger, dont le prix dépend du forfait du destinataire et peut dépasser celui d’un SMS en France',
    en: 'a number abroad, whose price depends on the recipient’s plan and may exceed that of an SMS in France',
  },
  tariff_unreadable: {
    fr: 'qui n’est pas un numéro lisible',
    en: 'which is not a readable number',
  },
  campaign_message_review: {
    fr: '⚠️ Message à vérifier avant d’approuver',
    en: '⚠️ Message to check before approving',
  },
} as const satisfies Record<string, Record<Lang, string>>;
