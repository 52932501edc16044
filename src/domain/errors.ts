/** What went wrong, for shells that tell it in the user's language (Slack); `detail` is what the user typed. */
export type InputProblem =
  | 'invalid_email'
  | 'invalid_phone'
  | 'not_email'
  | 'not_phone'
  | 'missing_target'
  | 'unknown_product'
  | 'unknown_channel'
  | 'unknown_contact'
  | 'consent_without_proof'
  | 'future_date'
  | 'until_before';

/** A problem with what the user gave us: shown as one line, exit status 2, never a stack trace. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    message: string,
    readonly problem?: InputProblem,
    readonly detail?: string,
  ) {
    super(message);
  }
}
