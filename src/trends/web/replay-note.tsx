import type { Child, FC, PropsWithChildren } from "hono/jsx";
import type { ReplaySpan } from "../replay-queries.js";

/** `26 August 2025`, or `25–26 August 2025` style text when the span crosses midnight. */
export function replayDate(span: ReplaySpan, timeZone: string): string {
  const day = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    day: "numeric",
    month: "long",
    year: "numeric",
  });
  const from = day.format(new Date(span.from));
  const to = day.format(new Date(span.to));
  return from === to ? from : `${from} to ${to}`;
}

/**
 * The visible notice that a list or curve is the recorded demo day, not live polling:
 * readers must never take a replayed ranking for today's. `children` says what is replayed.
 */
export const ReplayNote: FC<PropsWithChildren<{ span: ReplaySpan; timeZone: string }>> = ({
  span,
  timeZone,
  children,
}) => (
  <p class="replay-note" role="note">
    <strong>
      Replay of <time datetime={span.from}>{replayDate(span, timeZone)}</time>.
    </strong>{" "}
    {children as Child}
  </p>
);
