import { z } from 'zod';

/** A text a person reads, in both languages of the app. */
export const text = z.object({ fr: z.string().min(1), en: z.string().min(1) }).strict();
