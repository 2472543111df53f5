import type { FC } from "hono/jsx";
import type { DiffLine } from "../text-diff.js";

/** A line diff; unchanged runs longer than six lines are folded to their ends. */
export const DiffView: FC<{ lines: DiffLine[] }> = ({ lines }) => {
  const out: DiffLine[] = [];
  let run: DiffLine[] = [];
  const flush = (last: boolean) => {
    if (run.length > 6) {
      out.push(...(out.length ? run.slice(0, 2) : []));
      out.push({ op: "same", text: `… ${run.length - (out.length ? 4 : 2)} unchanged lines …` });
      if (!last) out.push(...run.slice(-2));
    } else out.push(...run);
    run = [];
  };
  for (const line of lines) {
    if (line.op === "same") run.push(line);
    else {
      flush(false);
      out.push(line);
    }
  }
  flush(true);
  const changed = lines.some((l) => l.op !== "same");
  return (
    <section class="diff" aria-label="Differences">
      {changed ? null : <span class="same">No differences.</span>}
      {out.map((l) =>
        l.op === "add" ? (
          <ins>+ {l.text}</ins>
        ) : l.op === "del" ? (
          <del>− {l.text}</del>
        ) : (
          <span class="same">{`  ${l.text}`}</span>
        ),
      )}
    </section>
  );
};
