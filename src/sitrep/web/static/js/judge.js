/* Judgements from the dossier: merge, same, different, split, then wait for the re-analysis. */
(function () {
  "use strict";
  const POLL_MS = 500;

  function status(section, text, kind) {
    const line = section.querySelector(".judge-status");
    line.textContent = text;
    line.dataset.kind = kind || "";
  }

  async function waitForReanalysis(api) {
    for (;;) {
      const state = await sitrep.getJSON(api + "/status");
      if (!state.running && !state.pending) return state;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  async function judge(section, path, body) {
    const api = section.dataset.api;
    section.querySelectorAll("button").forEach((b) => (b.disabled = true));
    try {
      status(section, "Recording…", "busy");
      await sitrep.postJSON(api + "/" + path, body);
      status(section, "Recorded. Re-analysing the documents so it takes effect…", "busy");
      const state = await waitForReanalysis(api);
      if (state.last_error) throw new Error("re-analysis failed: " + state.last_error);
      status(section, "Done. Reloading…", "done");
      window.location.reload();
    } catch (error) {
      status(section, error.message, "error");
      section.querySelectorAll("button").forEach((b) => (b.disabled = false));
    }
  }

  function suggest(section, input) {
    const options = section.querySelector("datalist");
    let pending;
    input.addEventListener("input", () => {
      clearTimeout(pending);
      if (input.value.trim().length < 2) return;
      pending = setTimeout(async () => {
        const url = section.dataset.entitiesApi + "?limit=8&q=" + encodeURIComponent(input.value.trim());
        const page = await sitrep.getJSON(url).catch(() => ({ items: [] }));
        options.replaceChildren(...page.items.filter((e) => e.id !== section.dataset.entity).map((e) => {
          const option = document.createElement("option");
          option.value = e.id;
          option.label = e.name + " (" + e.type.toLowerCase() + ", " + e.mentions + " mentions)";
          return option;
        }));
      }, 200);
    });
  }

  function wire(section) {
    const entity = section.dataset.entity;
    const pair = section.querySelector("[data-judge-pair]");
    const other = pair.querySelector("input[name=other]");
    suggest(section, other);
    pair.addEventListener("submit", (event) => {
      event.preventDefault();
      const kind = (event.submitter && event.submitter.dataset.kind) || "merge";
      judge(section, kind, { left: entity, right: other.value.trim() });
    });
    const split = section.querySelector("[data-judge-split]");
    if (split) {
      split.addEventListener("submit", (event) => {
        event.preventDefault();
        const surfaces = [...split.querySelectorAll("input[name=surface]:checked")].map((c) => c.value);
        if (!surfaces.length) return status(section, "Tick the names to split off first.", "error");
        judge(section, "split", { entity, surfaces });
      });
    }
  }

  document.querySelectorAll("[data-judge]").forEach(wire);
})();
