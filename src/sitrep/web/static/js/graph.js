/* Network graphs with cytoscape: entities coloured by type, relations solid, shared events dashed. */
(function () {
  "use strict";

  function elements(graph) {
    const nodes = graph.nodes.map((n) => ({ data: { id: n.id, label: n.name, type: n.type, href: n.href,
      color: sitrep.typeColor(n.type) }, classes: n.focus ? "focus" : "" }));
    const edges = graph.edges.map((e, i) => ({
      data: { id: "e" + i, source: e.source, target: e.target, weight: e.weight,
        label: e.type === "CO_PARTICIPATION" ? "" : e.type.toLowerCase().replace(/_/g, " ") },
      classes: e.type === "CO_PARTICIPATION" ? "shared" : "relation",
    }));
    return nodes.concat(edges);
  }

  const MAX_FIT_ZOOM = 1.3;
  const STYLE = [
    { selector: "node", style: { "background-color": "data(color)", label: "data(label)", "font-size": 11,
      "font-family": "system-ui, sans-serif", color: "#212529", "text-valign": "bottom", "text-margin-y": 4,
      "text-wrap": "ellipsis", "text-max-width": 140, width: 22, height: 22, "border-width": 1, "border-color": "#495057" } },
    { selector: "node.focus", style: { width: 34, height: 34, "border-width": 3, "border-color": "#212529", "font-weight": "bold" } },
    { selector: "edge", style: { width: "mapData(weight, 1, 20, 1.2, 6)", "curve-style": "bezier", "line-color": "#868e96",
      label: "data(label)", "font-size": 9, color: "#495057", "text-rotation": "autorotate",
      "text-background-color": "#fff", "text-background-opacity": 0.8, "text-background-padding": 1 } },
    { selector: "edge.relation", style: { "target-arrow-shape": "triangle", "target-arrow-color": "#868e96", "line-color": "#5c6b7a" } },
    { selector: "edge.shared", style: { "line-style": "dashed", "line-color": "#adb5bd" } },
    { selector: "node:active, node:selected", style: { "overlay-opacity": 0.1 } },
  ];

  function render(node, graph) {
    if (!graph.nodes || !graph.nodes.length) {
      node.replaceChildren(sitrep.el("p", { class: "muted" }, "No links recorded yet."));
      return;
    }
    const cy = cytoscape({
      container: node, elements: elements(graph), style: STYLE, minZoom: 0.2, maxZoom: 3,
      layout: { name: graph.nodes.length > 1 ? "cose" : "grid", animate: false, padding: 40,
        nodeRepulsion: () => 40000, idealEdgeLength: () => 120, nodeOverlap: 20, randomize: false },
    });
    if (cy.zoom() > MAX_FIT_ZOOM) {  // a small graph would otherwise be blown up to fill the box
      cy.zoom(MAX_FIT_ZOOM);
      cy.center();
    }
    cy.on("tap", "node", (event) => {
      const href = event.target.data("href");
      if (href && href.startsWith(window.location.origin)) window.location.assign(href);
    });
    node.dataset.nodes = String(graph.nodes.length);
  }

  sitrep.eachWidget("graph", render);
})();
