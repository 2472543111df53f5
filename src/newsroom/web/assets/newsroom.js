// Progressive help for the story editor; every form works without it.
(() => {
  const form = document.querySelector("#story-form");
  if (!form) return;
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute("content") ?? "";
  const status = form.querySelector("[data-autosave-status]");
  const base = form.querySelector('input[name="base_revision"]');
  const post = (url) => {
    const body = new URLSearchParams();
    for (const [key, value] of new FormData(form)) {
      if (typeof value === "string") body.append(key, value);
    }
    return fetch(url, {
      method: "POST",
      headers: { "x-csrf-token": csrf, "content-type": "application/x-www-form-urlencoded" },
      body,
      credentials: "same-origin",
    });
  };

  // Live preview: the public template rendered from the form as it stands, in a sandbox.
  const live = document.querySelector("[data-live-preview]");
  const frame = live?.querySelector("[data-preview-frame]");
  let previewTimer;
  const refreshPreview = async () => {
    if (!live?.open || !frame) return;
    try {
      const response = await post(live.dataset.livePreview);
      const text = await response.text();
      if (response.ok) frame.srcdoc = text;
      else {
        const pre = document.createElement("pre");
        pre.textContent = text;
        frame.srcdoc = pre.outerHTML;
      }
    } catch {
      // Offline or signed out: keep the last preview.
    }
  };
  live?.addEventListener("toggle", refreshPreview);

  // Autosave (existing stories only) and a warning before leaving unsaved changes.
  let dirty = false;
  let busy = false;
  form.addEventListener("input", () => {
    dirty = true;
    if (status) status.textContent = "Unsaved changes";
    clearTimeout(previewTimer);
    previewTimer = setTimeout(refreshPreview, 800);
  });
  form.addEventListener("submit", () => {
    dirty = false;
  });
  window.addEventListener("beforeunload", (event) => {
    if (dirty && form.dataset.autosave) event.preventDefault();
  });
  const save = async () => {
    if (!form.dataset.autosave || !dirty || busy) return;
    busy = true;
    try {
      const response = await post(form.dataset.autosave);
      const result = await response.json();
      if (response.ok) {
        dirty = false;
        if (base) base.value = String(result.revision);
        if (status) status.textContent = `Autosaved as revision ${result.revision}`;
      } else if (status) {
        status.textContent = result?.error?.message ?? "Autosave failed; save by hand";
      }
    } catch {
      if (status) status.textContent = "Autosave failed; you are offline or signed out";
    } finally {
      busy = false;
    }
  };
  const seconds = Number(form.dataset.autosaveSeconds) || 20;
  setInterval(save, Math.max(10, seconds) * 1000);
})();
