import { CHANNELS } from '../domain/contacts.ts';
import type { InputError } from '../domain/errors.ts';
import { hasMessage, type Lang, t } from '../i18n.ts';
import type { Policy } from '../policy/load.ts';
import type { Role } from '../policy/schema.ts';

export interface ProblemStyle {
  /** How the reader's shell names a field: a flag on the command line, words in Slack. */
  fieldName: (field: string) => string;
  /** What must happen to text the user typed before it is shown (mrkdwn escaping in Slack). */
  escape?: (text: string) => string;
  /** Lists the message may need: purposes, channels. */
  extra?: Record<string, string>;
}

/** A problem with input, in the reader's language, naming fields as their shell shows them. */
export function problemLine(lang: Lang, error: InputError, style: ProblemStyle): string {
  const p = error.params;
  const shown = (text: string | undefined) => (style.escape ?? ((s: string) => s))(text ?? '');
  return t(lang, `problem_${error.problem}`, {
    channels: [...CHANNELS, 'all'].join(', '),
    ...style.extra,
    field: p.field ? style.fieldName(p.field) : '',
    other: p.other ? style.fieldName(p.other) : '',
    // A refused role is named in the reader's words ("purger les données"), never by its policy id.
    value: error.problem === 'refused_role' ? t(lang, `role_${p.value as Role}`) : shown(p.value),
    allowed: p.choices
      ? choiceList(
          lang,
          p.choices.map((choice) => shown(choice[lang])),
        )
      : (p.allowed ?? ''),
    file: shown(p.file),
    line: p.line ?? '',
    status: p.status ?? '',
    limit: p.limit ?? '',
    reason: shown(p.reason),
  });
}

/** « A », « B » ou « C » / "A", "B" or "C": choices a person picks one of, in their language. */
function choiceList(lang: Lang, choices: string[]): string {
  const quoted = choices.map((choice) => t(lang, 'problem_choice', { choice }));
  return new Intl.ListFormat(lang, { type: 'disjunction' }).format(quoted);
}

/** The lists a problem may name from the policy: its purposes (and the channels); products come as choices. */
export function policyLists(policy: Policy): Record<string, string> {
  return {
    purposes: ['prospecting', ...policy.doc.params.non_commercial_purposes].join(', '),
    channels: [...CHANNELS, 'all'].join(', '),
  };
}

/** Fields in words, for Slack readers. */
export function fieldWords(lang: Lang): (field: string) => string {
  return (field) => {
    const key = `fieldname_${field}`;
    return hasMessage(key) ? t(lang, key) : field;
  };
}

/** A store's names of changed or kept fields (`provenance.source`, `customer.kind`…) in the reader's words. */
export function fieldList(lang: Lang, names: readonly string[]): string {
  const words = fieldWords(lang);
  const customer: Record<string, string> = {
    since: 'customerSince',
    until: 'customerUntil',
    kind: 'relationship',
  };
  const shown = names.map((name) => {
    const [group, field = ''] = name.split('.');
    if (group === 'provenance' && field) return words(field);
    if (group === 'customer' && field) return words(customer[field] ?? field);
    return words(name);
  });
  return [...new Set(shown)].join(', ');
}
