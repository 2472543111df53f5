// Progressive help for the story editor; every form works without it.
(() => {
  const form = document.querySelector("form[data-autosave]");
  if (!form) return;
  const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute("content") ?? "";
  const status = form.querySelector("[data-autosave-status]");
  const base = form.querySelector('input[name="base_revision"]');
  let dirty = false;
  let busy = false;
  form.addEventListener("input", () => {
    dirty = true;
    if (status) status.textContent = "Unsaved changes";
  });
  form.addEventListener("submit", () => {
    dirty = false;
  });
  window.addEventListener("beforeunload", (event) => {
    if (dirty) event.preventDefault();
  });
  const save = async () => {
    if (!dirty || busy) return;
    busy = true;
    const body = new URLSearchParams();
    for (const [key, value] of new FormData(form)) {
      if (typeof value === "string") body.append(key, value);
    }
    try {
      const response = await fetch(form.dataset.autosave, {
        method: "POST",
        headers: { "x-csrf-token": csrf, "content-type": "application/x-www-form-urlencoded" },
        body,
        credentials: "same-origin",
      });
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
  setInterval(save, 20000);
})();
