/**
 * A problem with what the user gave us: a code and its parameters, never a sentence. Each shell tells it in
 * its reader's language (reports/problems.ts), naming a field as that shell shows it: `--collected-at` on the
 * command line, "date de collecte" in Slack. Shown as one line, exit status 2, never a stack trace.
 */
/** The fields of a contact, as a form, a CSV column or a command option gives them. */
export type ContactField =
  | 'email'
  | 'phone'
  | 'name'
  | 'company'
  | 'function'
  | 'audience'
  | 'addressKind'
  | 'department'
  | 'source'
  | 'collection'
  | 'collectedAt'
  | 'informedAt'
  | 'customerSince'
  | 'customerUntil'
  | 'relationship'
  | 'lastPurchaseAt'
  | 'products'
  | 'owner';

/** Every field a problem can be about: a contact's, a question's, a consent's, a campaign's. */
export type Field =
  | ContactField
  | 'sourceEntry'
  | 'addEmail'
  | 'addPhone'
  | 'replaceEmail'
  | 'replacePhone'
  | 'target'
  | 'channel'
  | 'purpose'
  | 'product'
  | 'at'
  | 'since'
  | 'until'
  | 'slotStart'
  | 'slotEnd'
  | 'namesUs'
  | 'method'
  | 'wording'
  | 'evidence'
  | 'type'
  | 'start'
  | 'end'
  | 'file'
  | 'template'
  | 'status'
  | 'format'
  | 'out'
  | 'scope';

export const INPUT_PROBLEMS = [
  'invalid_email',
  'invalid_phone',
  'missing_target',
  'not_email',
  'not_phone',
  'unknown_product',
  'unknown_purpose',
  'unknown_category',
  'ambiguous_product',
  'unknown_channel',
  'unknown_contact',
  'consent_without_proof',
  'consent_method_refused',
  'future_date',
  'date_before',
  'date_after',
  'not_one_of',
  'not_yes_no',
  'email_and_phone',
  'email_or_phone_required',
  'invalid_department',
  'invalid_slack_user',
  'required',
  'slot_incomplete',
  'empty_list',
  'unknown_campaign',
  'file_unreadable',
  'csv_unreadable',
  'csv_no_identifier_column',
  'csv_empty',
  'csv_no_data_row',
  'import_two_contacts',
  'csv_no_column',
  'unknown_preset',
  'csv_unknown_column',
  'unknown_import_field',
  'postal_not_checked',
  'contact_without_identifier',
  'identifiers_of_two_contacts',
  'not_an_identifier_of_contact',
  'replace_other_kind',
  'unknown_source_entry',
  'identifier_held_use_replace',
  'merge_same_contact',
  'replace_needs_two',
  'unknown_request',
  'stale_button',
  'damaged_form',
  'file_no_link',
  'download_refused',
  'file_is_web_page',
  'file_too_big',
  'invalid_date',
  'invalid_duration',
  'not_allowed',
  'refused_role',
  'no_store',
  'file_exists',
  'store_file',
  'needs_confirmation',
  'too_long',
  'campaign_list_changed',
  'campaign_not_approved',
  'campaign_over',
  'campaign_list_not_kept',
  'campaign_list_not_checked',
  'invalid_key_name',
  'key_name_taken',
  'unknown_api_key',
  'invalid_webhook_url',
  'webhook_exists',
  'channel_needs_email',
  'channel_needs_phone',
  'channel_needs_address',
  'unknown_webhook',
  'campaign_queue_full',
  'campaign_too_large',
  'policy_no_scenario',
  'needs_flag',
  'invalid_workspace',
  'not_postgres',
  'file_store_only',
  'purge_not_now',
  'controller_missing',
  'register_export_not_allowed',
  'export_file_type',
  // Issue 26, spreadsheets in: dates as people write them, and workbooks.
  'date_month_first',
  'impossible_day',
  'impossible_month',
  'excel_serial_before_1900_03',
  'workbook_xls',
  'workbook_xlsb',
  'workbook_ods',
  'file_is_archive',
  'workbook_damaged',
  'workbook_too_large',
  'unknown_sheet',
  'sheet_without_workbook',
  // Facts in bulk (import-consents, import-suppressions).
  'csv_nothing_to_import',
  'csv_missing_column',
  'consent_date_required',
  'invalid_hash',
  'suppression_domain',
] as const;
export type InputProblem = (typeof INPUT_PROBLEMS)[number];

export interface ProblemParams {
  /** The field the problem is about, and another it is compared with. */
  field?: Field | string;
  other?: Field | string;
  /** What the user typed. */
  value?: string;
  /** What would have been accepted. */
  allowed?: string;
  /** What would have been accepted, as a person reads it in each language (a policy's product labels). */
  choices?: Array<{ fr: string; en: string }>;
  file?: string;
  line?: number;
  status?: number;
  limit?: number;
  /** A system's own words (a parser's, the file system's), passed on as they are. */
  reason?: string;
}

export class InputError extends Error {
  override name = 'InputError';
  constructor(
    readonly problem: InputProblem,
    readonly params: ProblemParams = {},
  ) {
    super([problem, params.field, params.value].filter((part) => part !== undefined).join(' '));
  }
}

/**
 * An action refused because the actor lacks the policy role it needs (or is not among the holders the policy
 * narrows it to): the use case has already written the refusal to the audit trail. Each shell tells it its way
 * (Slack names the holders); `holders` are the policy's members of the role, user ids or groups.
 */
export class RefusedError extends InputError {
  override name = 'RefusedError';
  constructor(
    readonly action: string,
    readonly role: string,
    readonly holders: readonly string[],
    field?: Field,
  ) {
    super('refused_role', { value: role, ...(field ? { field } : {}) });
  }
}
