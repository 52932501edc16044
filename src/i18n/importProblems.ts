/** Problems of a file's header: the tool, the columns and the fields an import is told to read. */
export const importProblems = {
  problem_unknown_preset: {
    fr: '{field} : « {value} » n’est pas un outil connu ({allowed}).',
    en: '{field}: "{value}" is not a known tool ({allowed}).',
  },
  problem_csv_unknown_column: {
    fr: '{field} : le fichier n’a pas de colonne « {value} » (colonnes : {allowed}).',
    en: '{field}: the file has no column "{value}" (columns: {allowed}).',
  },
  problem_unknown_import_field: {
    fr: '{field} : « {value} » n’est pas un champ de contact ({allowed}) ; écrivez --column champ=En-tête.',
    en: '{field}: "{value}" is not a contact field ({allowed}); write --column field=Header.',
  },
} as const;
