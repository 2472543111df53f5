/** Fixed notices shown after a redirect, by code, so no page echoes text from the URL. */
const NOTICES: Record<string, string> = {
  saved: "Saved.",
  created: "Draft created.",
  restored: "Revision restored as the newest revision.",
  "restore-conflict": "Not restored: the story changed meanwhile. Check the history and try again.",
  published: "Published. The public pages show it now.",
  "already-published": "It was already published; nothing changed.",
  scheduled: "Scheduled.",
  unpublished: "Unpublished. The public page now answers 410 Gone.",
  unscheduled: "Schedule cancelled; the story is a draft again.",
  corrected: "Correction added; the article shows it and its modified date moved.",
  assigned: "Assignment saved.",
  dismissed: "Topic dismissed.",
  "pipeline-started": "Draft started from the topic; research and drafting run in the background.",
  "already-covered":
    "This topic is already covered: here is the story. Pasted links were added to it.",
  "flag-overridden": "Flag overridden; the reason is in the audit log.",
  "picture-saved": "Lead picture saved.",
  "picture-removed": "Lead picture removed; link previews show the share card again.",
};

export function notice(code: string | undefined): string | undefined {
  return code ? NOTICES[code] : undefined;
}

export const withNotice = (path: string, code: keyof typeof NOTICES & string) =>
  `${path}?done=${code}`;
