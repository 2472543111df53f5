/**
 * satori and sharp, loaded on first use: together over half a second of CPU that every
 * process start would otherwise pay before it listens, though only share cards, the logo and
 * uploads use them. Node keeps a loaded module, so later calls cost one resolved promise.
 */
export async function imaging() {
  const [satori, sharp] = await Promise.all([import("satori"), import("sharp")]);
  return { satori: satori.default, sharp: sharp.default };
}

/** sharp alone, for uploads. */
export async function loadSharp() {
  return (await import("sharp")).default;
}
