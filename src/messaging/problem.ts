import { z } from 'zod';

/** One thing wrong with what a view sent: where (a dotted path) and what. A refusal lists every one. */
export const ProblemSchema = z.object({ path: z.string(), message: z.string() });
export type Problem = z.infer<typeof ProblemSchema>;
