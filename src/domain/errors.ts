/** A problem with what the user gave us: shown as one line, exit status 2, never a stack trace. */
export class InputError extends Error {
  override name = 'InputError';
}
