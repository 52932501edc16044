import type { Lang } from './lang.ts';

/** Spreadsheets in (issue 26): dates as people write them, workbooks read and refused, the sheet read. */
export const sheets = {
  problem_date_month_first: {
    fr: '{field} : « {value} » n’est pas une date : le jour s’écrit en premier (JJ/MM/AAAA) et il n’y a pas de mois {limit}. Pour une date écrite mois d’abord, écrivez {allowed}.',
    en: '{field}: "{value}" is not a date: the day comes first (DD/MM/YYYY) and there is no month {limit}. For a date written month first, write {allowed}.',
  },
  problem_impossible_day: {
    fr: '{field} : « {value} » n’existe pas : ce mois-là n’a que {limit} jours.',
    en: '{field}: "{value}" does not exist: that month has only {limit} days.',
  },
  problem_impossible_month: {
    fr: '{field} : « {value} » n’est pas une date : il n’y a pas de mois {limit}.',
    en: '{field}: "{value}" is not a date: there is no month {limit}.',
  },
  problem_excel_serial_before_1900_03: {
    fr: '{field} : {value} est un numéro de date Excel d’avant le 1er mars 1900 : Excel y compte un 29 février 1900 qui n’a pas existé (le n° 60) et les autres tableurs un jour de moins. Écrivez la date en JJ/MM/AAAA.',
    en: '{field}: {value} is an Excel date serial before 1 March 1900: Excel counts a 29 February 1900 there that never was (serial 60), other spreadsheets a day less. Write the date as DD/MM/YYYY.',
  },
  problem_workbook_xls: {
    fr: '{file} est un classeur Excel 97-2003 (.xls) ou un classeur protégé par mot de passe : ouvrez-le dans Excel et enregistrez-le en « Classeur Excel (.xlsx) », sans mot de passe, ou en « CSV UTF-8 ».',
    en: '{file} is an Excel 97-2003 workbook (.xls) or a password-protected workbook: open it in Excel and save it as "Excel Workbook (.xlsx)", without a password, or as "CSV UTF-8".',
  },
  problem_workbook_xlsb: {
    fr: '{file} est un classeur Excel binaire (.xlsb) : enregistrez-le en « Classeur Excel (.xlsx) » ou en « CSV UTF-8 ».',
    en: '{file} is a binary Excel workbook (.xlsb): save it as "Excel Workbook (.xlsx)" or as "CSV UTF-8".',
  },
  problem_workbook_ods: {
    fr: '{file} est un classeur OpenDocument (.ods) : dans LibreOffice, Fichier › Enregistrer sous, type « Excel 2007-365 (.xlsx) » ou « Texte CSV ».',
    en: '{file} is an OpenDocument spreadsheet (.ods): in LibreOffice, File › Save As, type "Excel 2007-365 (.xlsx)" or "Text CSV".',
  },
  problem_file_is_archive: {
    fr: '{file} est une archive (zip), ni un classeur .xlsx ni un CSV : enregistrez la liste en .xlsx ou en CSV, ou donnez le fichier qu’elle contient.',
    en: '{file} is an archive (zip), neither an .xlsx workbook nor a CSV: save the list as .xlsx or CSV, or give the file it holds.',
  },
  problem_workbook_damaged: {
    fr: '{file} : classeur .xlsx illisible ({reason}) ; ouvrez-le dans Excel et enregistrez-le à nouveau, ou en « CSV UTF-8 ».',
    en: '{file}: unreadable .xlsx workbook ({reason}); open it in Excel and save it again, or as "CSV UTF-8".',
  },
  problem_workbook_too_large: {
    fr: '{file} : classeur trop grand pour être lu en mémoire (plus de {limit} Mo une fois décompressé) : enregistrez-le en « CSV UTF-8 », qui se lit quelle que soit sa taille.',
    en: '{file}: workbook too large to be read in memory (over {limit} MB unzipped): save it as "CSV UTF-8", which is read whatever its size.',
  },
  problem_unknown_sheet: {
    fr: '{file} n’a pas de feuille « {value} » : ses feuilles sont {allowed} (--sheet prend un nom ou un numéro, 1 pour la première).',
    en: '{file} has no sheet "{value}": its sheets are {allowed} (--sheet takes a name or a number, 1 for the first).',
  },
  problem_sheet_without_workbook: {
    fr: '--sheet ne sert qu’avec un classeur .xlsx : {file} est un fichier texte (CSV), qui n’a qu’une feuille.',
    en: '--sheet only applies to an .xlsx workbook: {file} is a text file (CSV), with a single sheet.',
  },
  campaign_sheet: {
    fr: 'Classeur : feuille « {sheet} » (les numéros de ligne sont ceux de la feuille).',
    en: 'Workbook: sheet "{sheet}" (line numbers are the sheet’s row numbers).',
  },
  cli_import_sheet: { fr: 'xlsx, feuille « {sheet} »', en: 'xlsx, sheet "{sheet}"' },
} as const satisfies Record<string, Record<Lang, string>>;
