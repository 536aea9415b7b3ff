/**
 * Options of the segment stage, parsed once at the boundary (CLI, queue payload) by zod; the
 * parsed, defaulted value is what `segment()` receives.
 */
import { z } from 'zod';
import { RoleSchema } from '../record.js';

export const SegmentOptionsSchema = z.object({
  /**
   * Speaker label, or label prefix, mapped to a role; wins over the built-in mapping of
   * `normalizeRole`. Matching is case- and accent-insensitive; a prefix matches only a whole
   * leading token (`M` matches `M1`, `M 2`, `M.3`, not `Médecin`). The longest prefix wins.
   * @defaultValue {}
   */
  roleOverrides: z.record(z.string().min(1), RoleSchema).default({}),
  /**
   * Longest segment, in code points. Longer remarks (and groups of transcript sentences) are
   * cut at a sentence or clause boundary in the last two thirds of the window.
   * @defaultValue 600
   */
  maxSegmentChars: z.number().int().min(40).default(600),
  /**
   * Code interviewer turns too. By default they are kept as context (`context: true`) because
   * the questions are not data (domain.md §3).
   * @defaultValue false
   */
  interviewerCoded: z.boolean().default(false),
});

/** Parsed segment options, with every default filled in. */
export type SegmentOptions = z.infer<typeof SegmentOptionsSchema>;
