import type { FC } from "hono/jsx";
import type { StoredFlag } from "../../checks/flag-store.js";
import { type ArticleSentence, parseBody } from "../../checks/sentence-split.js";

const worst = (flags: StoredFlag[]) =>
  flags.some((f) => f.severity === "error" && f.status === "open")
    ? "error"
    : flags.some((f) => f.status === "open")
      ? "warning"
      : "resolved";

const Sentence: FC<{ sentence: ArticleSentence; flags: StoredFlag[] }> = ({ sentence, flags }) =>
  flags.length === 0 ? (
    `${sentence.text} `
  ) : (
    <>
      <mark class={`flag-mark ${worst(flags)}`}>{sentence.text}</mark>
      {flags.map((f) => (
        <a class={`flag-ref ${f.severity}`} href={`#flag-${f.id}`} data-flag-ref={f.id}>
          {f.kind}
          {f.status === "open" ? "" : ` (${f.status})`}
        </a>
      ))}{" "}
    </>
  );

/**
 * The saved revision's text split as the checks split it, each flagged sentence marked where
 * it stands with links to its flags: an editor sees a claim's problem in its context, and the
 * list below keeps the evidence and the override form.
 */
export const CheckedText: FC<{ body: string; flags: readonly StoredFlag[] }> = ({
  body,
  flags,
}) => {
  const parsed = parseBody(body);
  const flagsOf = (s: ArticleSentence) => flags.filter((f) => f.sentence === s.text);
  let section: string | null = null;
  return (
    <div class="checked-text" data-checked-text>
      {parsed.paragraphs.map((paragraph) => {
        const heading = paragraph.section !== section ? paragraph.section : null;
        section = paragraph.section;
        const sentences = paragraph.sentences;
        return (
          <>
            {heading ? <h3>{heading}</h3> : null}
            <p>
              {sentences.map((s) => (
                <Sentence sentence={s} flags={flagsOf(s)} />
              ))}
            </p>
          </>
        );
      })}
    </div>
  );
};
