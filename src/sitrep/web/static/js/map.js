/* Event maps: Leaflet over country outlines from world-atlas (offline, no tile server). */
(function () {
  "use strict";
  const atlases = {};
  const DEFAULT_VIEW = { center: [33.5, 40.5], zoom: 5 };
  const MAX_FIT_ZOOM = 6;  // the 1:110m outlines get too coarse beyond this
  const LABELLED_PLACES = 25;  // name every marker on maps with few places

  function loadAtlas(url) {
    if (!atlases[url]) atlases[url] = fetch(url).then((r) => r.json());
    return atlases[url];
  }

  function addCountries(map, url) {
    return loadAtlas(url).then((topology) => {
      const countries = topojson.feature(topology, topology.objects.countries);
      L.geoJSON(countries, {
        interactive: false,
        style: { color: "#a39e93", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 },
      }).addTo(map).bringToBack();
    });
  }

  function popup(place) {
    const list = sitrep.el("ul", { class: "popup-events" });
    for (const event of place.events) {
      list.append(sitrep.el("li", {}, sitrep.el("a", { href: event.href }, event.label), " ",
        sitrep.el("span", { class: "muted" }, event.date || "undated")));
    }
    const more = place.count > place.events.length ? sitrep.el("p", { class: "muted" }, "and " + (place.count - place.events.length) + " more") : "";
    return sitrep.el("div", { class: "popup" },
      sitrep.el("a", { href: place.href, class: "popup-title" }, place.name),
      sitrep.el("p", { class: "muted" }, place.count + " event" + (place.count === 1 ? "" : "s")), list, more);
  }

  function marker(place, labelled) {
    const radius = 6 + Math.min(12, Math.sqrt(place.count) * 3);
    return L.circleMarker([place.lat, place.lon], {
      radius, color: "#7a2e0e", weight: 1.5, fillColor: "#e8590c", fillOpacity: place.count ? 0.75 : 0.35,
    }).bindPopup(() => popup(place)).bindTooltip(sitrep.el("span", {}, place.name), {
      permanent: labelled, direction: "right", offset: [radius, 0], className: labelled ? "place-label" : "",
    });
  }

  function render(node, places) {
    const map = L.map(node, { minZoom: 2, maxZoom: 11, worldCopyJump: true });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Outlines: Natural Earth / world-atlas");
    addCountries(map, node.dataset.atlas);
    const markers = places.map((place) => marker(place, places.length <= LABELLED_PLACES));
    markers.forEach((m) => m.addTo(map));
    if (markers.length) {
      map.fitBounds(L.featureGroup(markers).getBounds().pad(0.5), { maxZoom: MAX_FIT_ZOOM });
    } else {
      map.setView(DEFAULT_VIEW.center, DEFAULT_VIEW.zoom);
      node.append(sitrep.el("p", { class: "map-empty" }, "No located events"));
    }
    node.dataset.markers = String(markers.length);
  }

  sitrep.eachWidget("map", render);
})();
