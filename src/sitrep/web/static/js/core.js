/* sitrep workbench: helpers shared by the widgets.
 * Article-derived strings only ever reach the DOM through textContent or
 * DOM properties, never through innerHTML. */
(function () {
  "use strict";
  const sitrep = (window.sitrep = {});

  /** Parse the JSON a page hands over in <script type="application/json" id=...>. */
  sitrep.data = function (id) {
    const node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  };

  /** Build an element; string children become text nodes. Only same-site or http(s) links. */
  sitrep.el = function (tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (name === "href" && !/^(\/|https?:)/.test(String(value))) continue;
      node.setAttribute(name, value);
    }
    for (const child of children) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  };

  /** Colour of an entity type, from the stylesheet (one source of truth). */
  sitrep.typeColor = function (type) {
    const value = getComputedStyle(document.documentElement).getPropertyValue("--t-" + String(type).toLowerCase());
    return value.trim() || "#adb5bd";
  };

  /** A stable colour for an event type. */
  const PALETTE = ["#e8590c", "#1c7ed6", "#2f9e44", "#ae3ec9", "#f08c00", "#0c8599", "#c2255c", "#5c7cfa", "#66a80f", "#868e96", "#d6336c", "#7048e8"];
  sitrep.eventColor = function (type) {
    let hash = 0;
    for (const ch of String(type)) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
    return PALETTE[hash % PALETTE.length];
  };

  /** Run render(node, data) for every element carrying data-<name>="<json id>". */
  sitrep.eachWidget = function (name, render) {
    const run = () => document.querySelectorAll("[data-" + name + "]").forEach((node) => {
      try {
        render(node, sitrep.data(node.dataset[name]) || []);
        node.dataset.ready = "true";
      } catch (error) {
        node.replaceChildren(sitrep.el("p", { class: "muted" }, "This view could not be drawn: " + error.message));
      }
    });
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
    else run();
  };

  /** The write token, asked once per tab when the server requires one. */
  sitrep.token = function (forget) {
    if (document.body.dataset.tokenRequired !== "yes") return null;
    if (forget) sessionStorage.removeItem("sitrep-token");
    let token = sessionStorage.getItem("sitrep-token");
    if (!token) {
      token = window.prompt("This server needs its API token to record judgements:") || "";
      if (token) sessionStorage.setItem("sitrep-token", token);
    }
    return token;
  };

  /** The message of an API error: a string detail or the list of invalid parameters. */
  sitrep.errorText = function (status, body) {
    if (body && body.message) return body.message;
    const detail = body && body.detail;
    if (typeof detail === "string") return detail;
    if (Array.isArray(detail)) return detail.map((e) => (e.loc || []).join(".") + ": " + e.msg).join("; ");
    return "request failed (HTTP " + status + ")";
  };

  /** POST JSON; asks for the token again once if the server refuses it. */
  sitrep.postJSON = async function (url, body, retried) {
    const headers = { "Content-Type": "application/json", Accept: "application/json" };
    const token = sitrep.token(retried);
    if (token) headers.Authorization = "Bearer " + token;
    const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(body), credentials: "same-origin" });
    const payload = await response.json().catch(() => null);
    if (response.status === 401 && !retried && token) return sitrep.postJSON(url, body, true);
    if (!response.ok) throw new Error(sitrep.errorText(response.status, payload));
    return payload;
  };

  sitrep.getJSON = async function (url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const payload = await response.json().catch(() => null);
    if (!response.ok) throw new Error(sitrep.errorText(response.status, payload));
    return payload;
  };
})();
