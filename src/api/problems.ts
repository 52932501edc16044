import type { z } from '@hono/zod-openapi';
import type { InputError } from '../domain/errors.ts';
import { type Lang, type MessageKey, t } from '../i18n.ts';
import { problemLine } from '../reports/problems.ts';
import type { Problem } from './schemas.ts';

export type ProblemBody = z.infer<typeof Problem>;

/** What went wrong in a call, ready to be told in the caller's language (RFC 9457 problem details). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: MessageKey,
    readonly detail: (lang: Lang) => string,
    readonly extra: {
      field?: string;
      errors?: (lang: Lang) => ProblemBody['errors'];
      headers?: Record<string, string>;
    } = {},
  ) {
    super(code);
  }

  body(lang: Lang, instance?: string): ProblemBody {
    return {
      type: `urn:prospect-guard:problem:${this.code}`,
      title: t(lang, this.title),
      status: this.status,
      detail: this.detail(lang),
      ...(instance ? { instance } : {}),
      code: this.code,
      ...(this.extra.field ? { field: this.extra.field } : {}),
      ...(this.extra.errors ? { errors: this.extra.errors(lang) } : {}),
    };
  }
}

/**
 * The caller's language from Accept-Language (`fr-FR,fr;q=0.9,en;q=0.8`): the supported one with the highest
 * weight, ties going to the first listed; the policy's default when neither French nor English is asked for.
 */
export function langOf(header: string | undefined, fallback: Lang): Lang {
  let best: { lang: Lang; q: number } | undefined;
  for (const part of (header ?? '').split(',')) {
    const [tag = '', ...params] = part.trim().split(';');
    const q = Number(
      params
        .find((p) => p.trim().startsWith('q='))
        ?.trim()
        .slice(2) ?? 1,
    );
    const lang = tag.trim().slice(0, 2).toLowerCase();
    if ((lang === 'fr' || lang === 'en') && q > 0 && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? fallback;
}

/**
 * A value the services refused (the same check as the CLI's and Slack's): 422, the field as a JSON pointer.
 * `at` is the pointer when the request says where the value was (a batch's `/targets/7`), whatever field the
 * services named.
 */
export function inputProblem(error: InputError, at?: string, lists: Record<string, string> = {}): ApiProblem {
  // A bad address or number names no field in the services: it is the email or phone field given.
  const guessed = { invalid_email: 'email', invalid_phone: 'phone' }[error.problem as string];
  const named = error.params.field ?? guessed;
  const field = at ?? (named ? `/${named}` : undefined);
  return new ApiProblem(
    422,
    error.problem,
    'api_title_invalid',
    (lang) => problemLine(lang, error, { fieldName: (name) => name, extra: lists }),
    { field },
  );
}

/** A request of the wrong shape (zod's issues): 400, every field at fault listed, in the caller's words. */
export function shapeProblem(issues: z.core.$ZodIssue[]): ApiProblem {
  const describe = (issue: z.core.$ZodIssue, lang: Lang): string => {
    const field = issue.path.join('.') || 'body';
    switch (issue.code) {
      case 'invalid_value':
        return t(lang, 'api_field_choice', { field, allowed: issue.values.map(String).join(', ') });
      case 'unrecognized_keys':
        return t(lang, 'api_field_unknown', { field: issue.keys.join(', ') });
      case 'too_big':
        return issue.origin === 'array'
          ? t(lang, 'api_field_too_many', { field, limit: Number(issue.maximum) })
          : t(lang, 'problem_too_long', { field, limit: Number(issue.maximum) });
      case 'too_small':
        return t(lang, 'api_field_empty', { field });
      case 'invalid_type':
        // zod does not keep the value; its message says what it received.
        return /received undefined$/.test(issue.message)
          ? t(lang, 'problem_required', { field })
          : t(lang, 'api_field_type', { field, expected: issue.expected });
      default:
        return `${field}: ${issue.message}`;
    }
  };
  const pointer = (issue: z.core.$ZodIssue) => `/${issue.path.join('/')}`;
  const first = issues[0];
  return new ApiProblem(
    400,
    'invalid_request',
    'api_title_invalid',
    (lang) =>
      issues.length === 1 && first
        ? describe(first, lang)
        : t(lang, 'api_detail_fields', { count: issues.length }),
    {
      field: first ? pointer(first) : undefined,
      errors: (lang) => issues.map((issue) => ({ field: pointer(issue), detail: describe(issue, lang) })),
    },
  );
}
