/**
 * The slots every drafting prompt carries: the publication date and zone, and the
 * office-holder table the editors keep. Without them a model writes from its training
 * date, which is how the reference article called a sitting president "former".
 */
export interface OfficeHolder {
  person: string;
  office: string;
  /** Country or body, e.g. "United States". */
  body: string;
  /** ISO date. */
  since: string;
  until: string | null;
}

/** Loads the table; `src/checks`' reference data once it is there, an empty table before. */
export type OfficeHolderSource = () => Promise<OfficeHolder[]>;

export interface PromptContext {
  current_date: string;
  time_zone: string;
  office_holders: string;
}

/** "Monday, 7 December 2026, 19:24" in the newsroom's zone, with the ISO date beside it. */
export function describeDate(at: Date, timeZone: string): string {
  const long = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(at);
  const isoDate = new Intl.DateTimeFormat("en-CA", { timeZone }).format(at);
  return `${long} (${isoDate})`;
}

/** Holders in office on the date (started on or before it, not ended before it), one a line. */
export function officeHolderLines(holders: OfficeHolder[], at: Date, timeZone: string): string {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone }).format(at);
  const current = holders.filter((h) => h.since <= day && (h.until === null || h.until >= day));
  if (current.length === 0) return "(the editors have not entered any office holders yet)";
  return current
    .map((h) => `- ${h.person}: ${h.office}, ${h.body}, in office since ${h.since}`)
    .join("\n");
}

export function promptContext(at: Date, timeZone: string, holders: OfficeHolder[]): PromptContext {
  return {
    current_date: describeDate(at, timeZone),
    time_zone: timeZone,
    office_holders: officeHolderLines(holders, at, timeZone),
  };
}
