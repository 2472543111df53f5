import type { z } from "zod";
import type { FieldProblem } from "../core/errors.js";

/** zod issues as `{ field, message }`, one per field (the first problem wins). */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  const seen = new Map<string, string>();
  for (const issue of error.issues) {
    const field = issue.path.map(String).join(".") || "form";
    if (!seen.has(field)) seen.set(field, issue.message);
  }
  return [...seen].map(([field, message]) => ({ field, message }));
}

/** Lookup for views: the message for a field, if any. */
export function problemMap(problems: FieldProblem[] = []): Record<string, string> {
  return Object.fromEntries(problems.map((p) => [p.field, p.message]));
}
