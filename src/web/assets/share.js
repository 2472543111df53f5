// Progressive enhancement for "Share this article": the plain links work without it.
// Reveals a copy-link button and, where the browser has one, the native share sheet.
for (const box of document.querySelectorAll("[data-share]")) {
  const url = box.getAttribute("data-url") || location.href;
  const title = box.getAttribute("data-title") || document.title;
  const status = box.querySelector("[data-share-status]");
  const say = (text) => {
    if (status) status.textContent = text;
  };
  const copy = box.querySelector("[data-copy-link]");
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(url);
        say("Link copied to the clipboard.");
      } catch {
        say("Could not copy the link; copy it from the address bar.");
      }
    });
  }
  const native = box.querySelector("[data-native-share]");
  if (native && typeof navigator.share === "function") {
    native.hidden = false;
    native.addEventListener("click", async () => {
      try {
        await navigator.share({ title, url });
      } catch {
        // The reader closed the share sheet: nothing to report.
      }
    });
  }
}
