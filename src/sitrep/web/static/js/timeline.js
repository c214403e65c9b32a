/* A light SVG timeline: one dot per dated event, stacked in lanes, linked to the event. */
(function () {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  const DAY = 86400000;
  const LANE = 18, MAX_LANES = 8, PAD = 24, AXIS = 26, DOT = 6;

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    return node;
  }

  /** "2016", "2016-05" and "2016-05-12" as UTC times (the start of the period). */
  function parse(date) {
    const [y, m, d] = date.split("-").map(Number);
    return Date.UTC(y, (m || 1) - 1, d || 1);
  }

  function ticks(lo, hi) {
    const span = hi - lo, out = [];
    const start = new Date(lo);
    if (span > 3 * 365 * DAY) {
      for (let y = start.getUTCFullYear(); Date.UTC(y, 0, 1) <= hi; y++) out.push([Date.UTC(y, 0, 1), String(y)]);
    } else {
      const step = span > 365 * DAY ? 3 : 1;
      for (let t = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1); t <= hi;) {
        const d = new Date(t);
        out.push([t, d.toLocaleString("en", { month: "short", timeZone: "UTC" }) + (d.getUTCMonth() === 0 || out.length === 0 ? " " + d.getUTCFullYear() : "")]);
        t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + step, 1);
      }
    }
    return out.filter(([t]) => t >= lo);
  }

  /** Greedy lanes: each dot goes in the first lane where it does not touch the previous one. */
  function lanes(points) {
    const ends = [];
    return points.map((p) => {
      let lane = ends.findIndex((x) => p.x - x > DOT * 2 + 2);
      if (lane === -1) lane = ends.length < MAX_LANES ? ends.length : MAX_LANES - 1;
      ends[lane] = p.x;
      return Object.assign(p, { lane });
    });
  }

  function legend(items) {
    const types = [...new Set(items.map((i) => i.type))].sort();
    return sitrep.el("ul", { class: "legend legend-inline" }, ...types.map((t) =>
      sitrep.el("li", {}, sitrep.el("span", { class: "swatch round", style: "background:" + sitrep.eventColor(t) }), t.toLowerCase())));
  }

  function draw(node, items) {
    const width = Math.max(node.clientWidth, 320);
    const times = items.map((i) => parse(i.date));
    let lo = Math.min(...times), hi = Math.max(...times);
    const margin = Math.max((hi - lo) * 0.04, 20 * DAY);
    lo -= margin; hi += margin;
    const x = (t) => PAD + ((t - lo) / (hi - lo)) * (width - 2 * PAD);
    const points = lanes(items.map((item, i) => ({ item, x: x(times[i]) })).sort((a, b) => a.x - b.x));
    const laneCount = Math.max(...points.map((p) => p.lane)) + 1;
    const height = AXIS + PAD + laneCount * LANE;
    const root = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img", class: "timeline-svg" });
    const axisY = height - AXIS;
    root.append(svg("line", { x1: PAD, x2: width - PAD, y1: axisY, y2: axisY, class: "axis" }));
    for (const [t, label] of ticks(lo, hi)) {
      root.append(svg("line", { x1: x(t), x2: x(t), y1: axisY, y2: axisY + 5, class: "tick" }));
      const text = svg("text", { x: x(t), y: axisY + 18, class: "tick-label" });
      text.textContent = label;
      root.append(text);
    }
    for (const { item, x: px, lane } of points) {
      const link = svg("a", { href: item.href, class: "timeline-dot" });
      const title = svg("title");
      title.textContent = `${item.date} · ${item.label}${item.certainty ? " · " + item.certainty : ""}`;
      const dot = svg("circle", { cx: px, cy: axisY - 12 - lane * LANE, r: DOT, fill: sitrep.eventColor(item.type),
        class: "c-" + (item.certainty || "unknown") });
      link.append(title, dot);
      root.append(link);
    }
    node.replaceChildren(root, legend(items));
  }

  function render(node, items) {
    if (!items.length) {
      node.replaceChildren(sitrep.el("p", { class: "muted" }, "No dated events."));
      return;
    }
    draw(node, items);
    let pending;
    window.addEventListener("resize", () => {
      clearTimeout(pending);
      pending = setTimeout(() => draw(node, items), 150);
    });
  }

  sitrep.eachWidget("timeline", render);
})();
