/// The pages' own style sheet and script, served from `/assets/` (the Content-Security-Policy allows no
/// inline script or style).
enum WebAssets {
    /// A watchtower's eye on a blue square.
    static let icon = ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0b4f8a"/><circle cx="8" cy="8" r="4" fill="none" stroke="#fff" stroke-width="1.6"/><circle cx="8" cy="8" r="1.5" fill="#fff"/></svg>"##

    static let css = #"""
    :root { --ink: #1b1f24; --muted: #5b6470; --line: #d8dde3; --accent: #0b4f8a; --green: #2e7d32; --orange: #c26a00; --red: #b71c1c; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 15px/1.45 system-ui, sans-serif; color: var(--ink); background: #f6f7f9; }
    header { display: flex; align-items: center; gap: 1rem; padding: .5rem 1rem; background: var(--accent); color: #fff; }
    header nav { display: flex; align-items: center; gap: .8rem; flex: 1; }
    header a { color: #fff; text-decoration: none; }
    header a[aria-current="page"] { text-decoration: underline; }
    header .spacer { flex: 1; }
    header form { display: inline; margin: 0; }
    header button { background: transparent; color: #fff; border: 1px solid #fff; border-radius: 3px; cursor: pointer; }
    main { padding: 1rem; max-width: 1200px; margin: 0 auto; }
    footer { padding: 1rem; color: var(--muted); font-size: .85rem; text-align: center; }
    table { border-collapse: collapse; background: #fff; width: 100%; }
    th, td { padding: .35rem .6rem; border-bottom: 1px solid var(--line); text-align: left; }
    td { font-variant-numeric: tabular-nums; }
    .figures { display: flex; gap: 2rem; font-size: 1.1rem; }
    .figures strong { font-size: 1.6rem; }
    .login { max-width: 24rem; margin: 3rem auto; background: #fff; padding: 1.5rem; border: 1px solid var(--line); }
    .login label { display: block; margin: .6rem 0; }
    .login input { width: 100%; padding: .4rem; }
    .error { color: var(--red); }
    .filters { display: flex; gap: 1rem; flex-wrap: wrap; margin-bottom: .5rem; }
    #map { height: 70vh; border: 1px solid var(--line); background: #e9edf1; }
    .legend { color: var(--muted); }
    tr.band-red td:nth-child(4) { color: #fff; background: var(--red); }
    tr.band-orange td:nth-child(4) { color: #fff; background: var(--orange); }
    tr.band-green td:nth-child(4) { color: #fff; background: var(--green); }
    @media print { header, footer, .filters { display: none; } }
    """#

    static let javascript = #"""
    (function () {
      'use strict';
      var mapElement = document.getElementById('map');
      if (!mapElement || !window.L) { return; }
      var french = document.body.dataset.lang === 'fr';
      var map = L.map('map', { preferCanvas: true, minZoom: 8, maxZoom: 19 });
      if (mapElement.dataset.tiles) {
        L.tileLayer(mapElement.dataset.tiles, { maxZoom: 19 }).addTo(map);
      }
      var form = document.getElementById('filters');
      var legend = document.getElementById('legend');
      var districtsLayer = null;
      var densityLayer = null;
      var fitted = false;
      var points = L.markerClusterGroup({ chunkedLoading: true });
      var liveMarkers = L.markerClusterGroup();
      map.addLayer(points);
      map.addLayer(liveMarkers);
      function day(date) { return date.toISOString().slice(0, 10); }
      function query() {
        var days = Number(form.days.value);
        var to = new Date(); to.setDate(to.getDate() + 1);
        var from = new Date(); from.setDate(from.getDate() - days + 1);
        var text = 'from=' + day(from) + '&to=' + day(to);
        if (form.category.value) { text += '&category=' + encodeURIComponent(form.category.value); }
        return text;
      }
      function getJSON(url) {
        return fetch(url, { credentials: 'same-origin' }).then(function (response) {
          if (!response.ok) { throw new Error(url + ': ' + response.status); }
          return response.json();
        });
      }
      var shades = ['#fff5f0', '#fee0d2', '#fcbba1', '#fc9272', '#fb6a4a', '#ef3b2c', '#cb181d', '#99000d'];
      function shade(share) { return shades[Math.min(shades.length - 1, Math.floor(share * shades.length))]; }
      function loadDistricts() {
        return Promise.all([getJSON('/api/v1/districts'), getJSON('/api/v1/stats?by=district&' + query())]).then(function (answers) {
          var outlines = answers[0];
          var stats = answers[1];
          var counts = {};
          var highest = 0;
          stats.rows.forEach(function (row) { counts[row.keys[0]] = row.count; highest = Math.max(highest, row.count); });
          if (districtsLayer) { map.removeLayer(districtsLayer); }
          districtsLayer = L.geoJSON(outlines, {
            style: function (feature) {
              var count = counts[feature.properties.code] || 0;
              return { color: '#444', weight: 1, fillColor: shade(highest ? count / highest : 0), fillOpacity: 0.55 };
            },
            onEachFeature: function (feature, layer) {
              layer.bindTooltip(feature.properties.name + ' : ' + (counts[feature.properties.code] || 0));
            }
          }).addTo(map);
          districtsLayer.bringToBack();
          mapElement.dataset.districts = String(outlines.features.length);
          if (!fitted && outlines.features.length) { map.fitBounds(districtsLayer.getBounds()); fitted = true; }
          legend.textContent = stats.total + (french ? ' faits' : ' incidents');
        });
      }
      function loadPoints() {
        return getJSON('/api/v1/points?limit=20000&' + query()).then(function (answer) {
          points.clearLayers();
          points.addLayers(answer.points.map(function (point) {
            return L.marker([point[0], point[1]], { title: point[2] });
          }));
          mapElement.dataset.points = String(answer.points.length);
        });
      }
      function loadDensity() {
        if (densityLayer) { map.removeLayer(densityLayer); densityLayer = null; }
        if (!form.density.checked) { return Promise.resolve(); }
        return getJSON('/api/v1/density?cell=200&' + query()).then(function (cells) {
          var highest = 0;
          cells.features.forEach(function (feature) { highest = Math.max(highest, feature.properties.density); });
          densityLayer = L.geoJSON(cells, {
            style: function (feature) {
              return { stroke: false, fillColor: '#08519c', fillOpacity: Math.min(0.8, 0.8 * feature.properties.density / highest) };
            }
          }).addTo(map);
        });
      }
      var source = null;
      function live() {
        if (source) { source.close(); source = null; }
        if (!form.live.checked || mapElement.dataset.live !== 'true' || !window.EventSource) { return; }
        source = new EventSource('/api/v1/live');
        source.addEventListener('incident', function (event) {
          var incident = JSON.parse(event.data);
          liveMarkers.addLayer(L.marker([incident.latitude, incident.longitude], { title: incident.category }));
          mapElement.dataset.received = String(Number(mapElement.dataset.received || 0) + 1);
        });
      }
      function refresh() {
        var work = [loadDistricts(), loadDensity()];
        if (mapElement.dataset.live === 'true') { work.push(loadPoints()); }
        Promise.all(work).catch(function (error) { legend.textContent = error.message; });
      }
      form.addEventListener('change', function (event) {
        if (event.target.name === 'live') { live(); } else { refresh(); }
      });
      map.setView([43.2965, 5.3698], 12);
      refresh();
      live();
    })();
    """#
}
