/* Network graphs with cytoscape: entities coloured by type, relations solid, shared events dashed. */
(function () {
  "use strict";

  const LABEL_ALL_UP_TO = 30;  // nodes; in larger graphs only the hubs are labelled until hovered
  const HUBS = 20;

  function degrees(graph) {
    const degree = {};
    for (const e of graph.edges) {
      degree[e.source] = (degree[e.source] || 0) + e.weight;
      degree[e.target] = (degree[e.target] || 0) + e.weight;
    }
    return degree;
  }

  function elements(graph) {
    const degree = degrees(graph);
    const hubs = new Set(Object.keys(degree).sort((a, b) => degree[b] - degree[a]).slice(0, HUBS));
    const labelAll = graph.nodes.length <= LABEL_ALL_UP_TO;
    const nodes = graph.nodes.map((n) => ({
      data: { id: n.id, label: n.name, type: n.type, href: n.href, degree: degree[n.id] || 0,
        color: sitrep.typeColor(n.type) },
      classes: [n.focus ? "focus" : "", labelAll || hubs.has(n.id) ? "labelled" : ""].join(" "),
    }));
    const edges = graph.edges.map((e, i) => ({
      data: { id: "e" + i, source: e.source, target: e.target, weight: e.weight,
        label: e.type === "CO_PARTICIPATION" ? "" : e.type.toLowerCase().replace(/_/g, " ") },
      classes: e.type === "CO_PARTICIPATION" ? "shared" : "relation",
    }));
    return nodes.concat(edges);
  }

  const MAX_FIT_ZOOM = 1.3;

  /** Styles in model units; a large graph is drawn zoomed out, so its nodes and labels are made larger. */
  function style(scale) {
    const size = (n) => n * scale;
    return [
      { selector: "node", style: { "background-color": "data(color)", "font-size": size(13),
        "font-family": "system-ui, sans-serif", color: "#212529", "text-valign": "bottom", "text-margin-y": size(3),
        "text-wrap": "ellipsis", "text-max-width": size(150), width: `mapData(degree, 1, 12, ${size(16)}, ${size(40)})`,
        height: `mapData(degree, 1, 12, ${size(16)}, ${size(40)})`, "border-width": 1, "border-color": "#495057",
        "text-background-color": "#fcfcfd", "text-background-opacity": 0.75, "text-background-padding": 1 } },
      { selector: "node.labelled, node.hover, node.focus", style: { label: "data(label)" } },
      { selector: "node.focus", style: { width: size(40), height: size(40), "border-width": 3, "border-color": "#212529",
        "font-weight": "bold" } },
      { selector: "edge", style: { width: `mapData(weight, 1, 20, ${size(1.2)}, ${size(6)})`, "curve-style": "bezier",
        "line-color": "#868e96", label: "data(label)", "font-size": size(9), color: "#495057", "text-rotation": "autorotate",
        "text-background-color": "#fff", "text-background-opacity": 0.8, "text-background-padding": 1 } },
      { selector: "edge.relation", style: { "target-arrow-shape": "triangle", "target-arrow-color": "#868e96", "line-color": "#5c6b7a" } },
      { selector: "edge.shared", style: { "line-style": "dashed", "line-color": "#adb5bd" } },
      { selector: "node:active, node:selected", style: { "overlay-opacity": 0.1 } },
    ];
  }

  function render(node, graph) {
    if (!graph.nodes || !graph.nodes.length) {
      node.replaceChildren(sitrep.el("p", { class: "muted" }, "No links recorded yet."));
      return;
    }
    const cy = cytoscape({
      container: node, elements: elements(graph), style: style(graph.nodes.length > LABEL_ALL_UP_TO ? 1.8 : 1),
      minZoom: 0.1, maxZoom: 3,
      layout: { name: graph.nodes.length > 1 ? "cose" : "grid", animate: false, padding: 40,
        nodeRepulsion: () => 400000, idealEdgeLength: () => 100, edgeElasticity: () => 100, nodeOverlap: 40,
        componentSpacing: 40, gravity: 80, nodeDimensionsIncludeLabels: true, randomize: false },
    });
    cy.on("mouseover", "node", (event) => event.target.addClass("hover"));
    cy.on("mouseout", "node", (event) => event.target.removeClass("hover"));
    if (cy.zoom() > MAX_FIT_ZOOM) {  // a small graph would otherwise be blown up to fill the box
      cy.zoom(MAX_FIT_ZOOM);
      cy.center();
    }
    cy.on("tap", "node", (event) => {
      const href = event.target.data("href");
      if (href && href.startsWith("/")) window.location.assign(href);
    });
    node.dataset.nodes = String(graph.nodes.length);
  }

  sitrep.eachWidget("graph", render);
})();
