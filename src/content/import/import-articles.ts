import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import type { ZodError } from "zod";
import { type FieldProblem, validationFailed } from "../../core/errors.js";
import type { Database } from "../../db/database.js";
import { type ArticleInput, articleInput } from "../article-input.js";
import { type SaveContext, type SaveResult, saveArticles } from "../article-store.js";
import { SLUG_PATTERN, slugify } from "../slug.js";
import {
  DocumentSyntaxError,
  type ParsedDocument,
  parseJsonDocument,
  parseMarkdownDocument,
} from "./article-document.js";

const EXTENSIONS = new Set([".md", ".markdown", ".json"]);
const MAX_FILE_BYTES = 2 * 1024 * 1024;

export interface ImportProblem extends FieldProblem {
  file: string;
}

export interface ImportReport {
  results: (SaveResult & { file: string })[];
  warnings: string[];
}

/** Every importable file under the given files and folders, in a stable order. */
export function collectFiles(paths: string[]): string[] {
  const files: string[] = [];
  const walk = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path).sort()) {
        if (!entry.startsWith(".")) walk(join(path, entry));
      }
    } else if (EXTENSIONS.has(extname(path).toLowerCase())) {
      files.push(path);
    }
  };
  for (const path of paths) walk(path);
  return files;
}

/**
 * Imports Markdown (front matter) and JSON articles. Everything is parsed and validated
 * first; one bad file aborts the whole import before a single row is written. Articles are
 * matched by slug, so importing again updates rather than duplicates.
 */
export async function importArticles(
  database: Database,
  paths: string[],
  context: Omit<SaveContext, "dialect">,
  options: { overrides?: (index: number) => Record<string, unknown> } = {},
): Promise<ImportReport> {
  const problems: ImportProblem[] = [];
  const warnings: string[] = [];
  const inputs: { file: string; input: ArticleInput }[] = [];
  let files: string[];
  try {
    files = collectFiles(paths);
  } catch (error) {
    throw validationFailed(`Cannot read ${paths.join(", ")}: ${(error as Error).message}`, []);
  }
  if (files.length === 0) {
    throw validationFailed(`No .md, .markdown or .json files found in ${paths.join(", ")}`, []);
  }

  for (const file of files) {
    const documents = readDocuments(file, problems);
    for (const [index, document] of documents.entries()) {
      const where = documents.length > 1 ? `${file}[${index}]` : file;
      for (const key of document.ignoredKeys)
        warnings.push(`${where}: ignored unknown key "${key}"`);
      const fields = {
        ...document.fields,
        ...options.overrides?.(inputs.length + problems.length),
      };
      fields.slug ??= defaultSlug(file, fields.headline, documents.length > 1);
      const parsed = articleInput.safeParse(fields);
      if (!parsed.success) {
        problems.push(...zodProblems(where, parsed.error));
        continue;
      }
      if (parsed.data.sections.length === 0 && parsed.data.lead.trim() === "") {
        problems.push({ file: where, field: "body", message: "the article has no text" });
        continue;
      }
      const clash = inputs.find((i) => i.input.slug === parsed.data.slug);
      if (clash) {
        problems.push({
          file: where,
          field: "slug",
          message: `duplicate slug "${parsed.data.slug}", also used by ${clash.file}`,
        });
        continue;
      }
      inputs.push({ file: where, input: parsed.data });
    }
  }
  const categories = await database.db.selectFrom("category").select(["slug", "name"]).execute();
  for (const { file, input } of inputs) {
    const known = categories.some(
      (c) =>
        c.slug === slugify(input.category) || c.name.toLowerCase() === input.category.toLowerCase(),
    );
    if (!known) {
      problems.push({
        file,
        field: "category",
        message: `unknown category "${input.category}"; known: ${categories.map((c) => c.name).join(", ")}`,
      });
    }
  }
  if (problems.length > 0) throw importFailed(problems);

  const results = await saveArticles(
    database.db,
    inputs.map((i) => i.input),
    { ...context, dialect: database.dialect },
  );
  return { results: results.map((r, i) => ({ ...r, file: inputs[i]?.file ?? "" })), warnings };
}

function readDocuments(file: string, problems: ImportProblem[]): ParsedDocument[] {
  try {
    if (statSync(file).size > MAX_FILE_BYTES) {
      problems.push({ file, field: "(file)", message: "file is larger than 2 MiB" });
      return [];
    }
    const text = decodeUtf8(readFileSync(file));
    if (text === undefined) {
      problems.push({ file, field: "(file)", message: "is not valid UTF-8" });
      return [];
    }
    if (extname(file).toLowerCase() !== ".json") return [parseMarkdownDocument(text)];
    const json: unknown = JSON.parse(text);
    return Array.isArray(json) ? json.map(parseJsonDocument) : [parseJsonDocument(json)];
  } catch (error) {
    const message =
      error instanceof DocumentSyntaxError || error instanceof SyntaxError
        ? error.message
        : `cannot read: ${(error as Error).message}`;
    problems.push({ file, field: "(file)", message });
    return [];
  }
}

/** The text, or undefined when the bytes are not UTF-8 (never silently U+FFFD). */
function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

// The file name is the stable identity of a Markdown article: a headline can be reworded
// between imports, the file name rarely is.
function defaultSlug(file: string, headline: unknown, manyInFile: boolean): string | undefined {
  const stem = basename(file, extname(file)).toLowerCase();
  if (!manyInFile && SLUG_PATTERN.test(stem)) return stem;
  return typeof headline === "string" && headline.trim() ? slugify(headline) : undefined;
}

function zodProblems(file: string, error: ZodError): ImportProblem[] {
  return error.issues.map((issue) => ({
    file,
    field: issue.path.join(".") || "(article)",
    message:
      issue.code === "invalid_type" && issue.input === undefined ? "is required" : issue.message,
  }));
}

function importFailed(problems: ImportProblem[]) {
  const lines = problems.map((p) => `${p.file}: ${p.field}: ${p.message}`);
  return validationFailed(`Import failed, nothing was written:\n${lines.join("\n")}`, problems);
}
