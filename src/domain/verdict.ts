/** The three answers, and how they rank: block before review before allow. */
export const VERDICTS = ['allow', 'review', 'block'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const SEVERITY: Record<Verdict, number> = { block: 0, review: 1, allow: 2 };

export const VERDICT_ICON: Record<Verdict, string> = { allow: '✅', review: '⚠️', block: '⛔' };
