/** Display helpers shared by the trends pages; all times in the site's zone. */
export function timeOfDay(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(iso));
}

export function dateTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(iso));
}

export function minutesText(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

export function heatText(heat: number | null, category = ""): string {
  if (heat === null) return category || "—";
  const n = heat.toLocaleString("en-GB");
  return category ? `${category} ${n}` : n;
}

/** `▲3`, `▼12`, `=` or `new`, with words for screen readers in `label`. */
export function movementText(movement: number | null): { mark: string; label: string } {
  if (movement === null) return { mark: "new", label: "new on the list" };
  if (movement > 0) return { mark: `▲${movement}`, label: `up ${movement}` };
  if (movement < 0) return { mark: `▼${-movement}`, label: `down ${-movement}` };
  return { mark: "=", label: "unchanged" };
}

export const LABEL_NAMES: Record<string, string> = {
  新: "new",
  热: "hot",
  爆: "explosive",
  沸: "boiling",
  暖: "warm",
};
