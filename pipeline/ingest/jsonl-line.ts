import { z } from 'zod';

const optionalText = z.string().nullish();

/**
 * One JSONL input line: `{"id", "text"}` plus optional `field` (a slug such as `amelioration` or
 * the prompt's wording) and the attributes a survey row carries. Unknown keys are ignored so
 * exports with extra columns still load.
 */
export const JsonlLineSchema = z.object({
  /** The record id; the row number when absent. */
  id: z.union([z.string(), z.number()]).nullish(),
  text: z.string(),
  field: optionalText,
  date: optionalText,
  department: optionalText,
  survey: optionalText,
  /** A number, or a string with a decimal comma ("4,5"). */
  score: z.union([z.number(), z.string()]).nullish(),
  speaker: optionalText,
});
export type JsonlLine = z.infer<typeof JsonlLineSchema>;

/**
 * Describes schema failures by path and issue kind only: zod messages for some kinds quote the
 * received value, and values here are patient text.
 */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path.length > 0 ? `"${issue.path.join('.')}"` : 'the line';
      const expected = issue.code === 'invalid_type' ? ` (expected ${String(issue.expected)})` : '';
      return `${path} is invalid: ${issue.code}${expected}`;
    })
    .join('; ');
}
