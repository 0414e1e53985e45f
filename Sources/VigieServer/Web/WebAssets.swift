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
    td.up { color: var(--red); } td.down { color: var(--green); } td small { color: var(--muted); }
    .chart { position: relative; height: 280px; background: #fff; border: 1px solid var(--line); padding: .5rem; }
    table.matrix { font-size: .75rem; } table.matrix td { text-align: center; padding: .15rem; }
    .s0 { background: #f7fbff; } .s1 { background: #deebf7; } .s2 { background: #c6dbef; } .s3 { background: #9ecae1; }
    .s4 { background: #6baed6; } .s5 { background: #4292c6; color: #fff; } .s6 { background: #2171b5; color: #fff; }
    .s7 { background: #08519c; color: #fff; } .s8 { background: #08306b; color: #fff; } .s9 { background: #041c40; color: #fff; }
    .report-map svg { width: 100%; max-height: 60vh; background: #fff; border: 1px solid var(--line); }
    .report-map path { stroke: #555; stroke-width: 1; }
    .q0 { fill: #fee5d9; } .q1 { fill: #fcae91; } .q2 { fill: #fb6a4a; } .q3 { fill: #de2d26; } .q4 { fill: #a50f15; } .qn { fill: #eee; }
    .intact { color: var(--green); }
    form.inline { display: flex; gap: .4rem; margin: 0; } form.inline input { width: 12rem; }
    h2 { margin-top: 1.5rem; }
    header { flex-wrap: wrap; } header nav { flex-wrap: wrap; }
    :focus-visible { outline: 3px solid #f9a825; outline-offset: 2px; }
    form.report { max-width: 40rem; }
    form.report fieldset { border: 1px solid var(--line); background: #fff; margin: 0 0 1rem; padding: .8rem; }
    form.report legend { font-weight: 600; }
    form.report label { display: block; margin: .7rem 0 .2rem; }
    form.report label.check { display: flex; gap: .5rem; align-items: center; margin: .3rem 0; }
    form.report input:not([type=checkbox]), form.report select, form.report textarea, #triage-form select, #triage-form input,
    #triage-form textarea { width: 100%; padding: .55rem; font-size: 1rem; border: 1px solid #6b7480; border-radius: 4px; }
    form.report button, #triage-form button { margin-top: .8rem; padding: .7rem 1.2rem; font-size: 1rem; color: #fff;
      background: var(--accent); border: 0; border-radius: 4px; cursor: pointer; }
    #triage-form { max-width: 40rem; background: #fff; border: 1px solid var(--line); padding: .8rem; }
    #triage-form label { display: block; margin: .6rem 0 .2rem; }
    #pick-map { height: 45vh; min-height: 240px; border: 1px solid var(--line); background: #e9edf1; }
    .notice { background: #fff4e5; border-left: 4px solid var(--orange); padding: .5rem .8rem; }
    .required { color: var(--red); font-size: .85rem; }
    ul.services { list-style: none; padding: 0; }
    ul.services li { background: #fff; border: 1px solid var(--line); margin: .4rem 0; padding: .7rem; }
    ul.services a { font-weight: 600; display: block; font-size: 1.05rem; }
    ul.services span { color: var(--muted); }
    dl.request { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; background: #fff; padding: .8rem;
      border: 1px solid var(--line); }
    dl.request dt { font-weight: 600; } dl.request dd { margin: 0; }
    img.photo { max-width: 100%; max-height: 60vh; margin: 1rem 0; border: 1px solid var(--line); }
    .scroll { overflow-x: auto; }
    .tracking-link { background: #e8f1fb; padding: .5rem .8rem; word-break: break-all; }
    @media (max-width: 600px) { dl.request { grid-template-columns: 1fr; } main { padding: .6rem; } }
    @media print {
      header, footer, .filters { display: none; }
      body { background: #fff; font-size: 11pt; }
      main { max-width: none; padding: 0; }
      .chart { height: 220px; break-inside: avoid; }
      table, .report-map { break-inside: avoid; }
      @page { size: A4; margin: 1.5cm; }
    }
    """#

    static let javascript = #"""
    (function () {
      'use strict';
      Array.prototype.forEach.call(document.querySelectorAll('[data-print]'), function (button) {
        button.addEventListener('click', function () { window.print(); });
      });
      function chart(canvas, kind, labels, datasets) {
        return new Chart(canvas, {
          type: kind, data: { labels: labels, datasets: datasets },
          options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { display: datasets.length > 1 } },
            scales: { y: { beginAtZero: true } } }
        });
      }
      if (window.Chart) {
        Array.prototype.forEach.call(document.querySelectorAll('canvas.report-chart'), function (canvas) {
          chart(canvas, canvas.dataset.kind, JSON.parse(canvas.dataset.labels),
            [{ label: canvas.dataset.label, data: JSON.parse(canvas.dataset.values), backgroundColor: '#0b4f8a', borderColor: '#0b4f8a' }]);
          canvas.dataset.drawn = 'true';
        });
        var series = document.getElementById('series');
        if (series) {
          fetch(series.dataset.source, { credentials: 'same-origin' }).then(function (response) {
            if (!response.ok) { throw new Error(response.status + ' ' + response.statusText); }
            return response.json();
          }).then(function (answer) {
            chart(series, 'line', answer.series.map(function (point) { return point.period; }), [
              { label: series.dataset.label, data: answer.series.map(function (point) { return point.count; }), borderColor: '#0b4f8a', pointRadius: 0 },
              { label: series.dataset.trend, data: answer.series.map(function (point) { return point.trend; }), borderColor: '#c26a00', pointRadius: 0 }
            ]);
            series.dataset.drawn = 'true';
            document.getElementById('series-changes').textContent = answer.changePoints.map(function (change) {
              return change.start + ' : ' + change.levelBefore.toFixed(1) + ' → ' + change.levelAfter.toFixed(1);
            }).join(' · ');
          }).catch(function (error) { document.getElementById('series-changes').textContent = error.message; });
        }
      }
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
        if (form.source.value) { text += '&source=' + encodeURIComponent(form.source.value); }
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
      var hotspotLayer = null;
      function loadHotspots() {
        if (hotspotLayer) { map.removeLayer(hotspotLayer); hotspotLayer = null; }
        if (!form.hotspots.checked) { return Promise.resolve(); }
        return getJSON('/api/v1/hotspots?cell=200&distance=400&' + query()).then(function (cells) {
          hotspotLayer = L.geoJSON(cells, {
            style: function (feature) {
              var hot = feature.properties.kind === 'hot';
              return { color: hot ? '#b71c1c' : '#1565c0', weight: 1, fillColor: hot ? '#e53935' : '#42a5f5', fillOpacity: 0.45 };
            },
            onEachFeature: function (feature, layer) {
              layer.bindTooltip((feature.properties.kind === 'hot' ? (french ? 'Point chaud' : 'Hot spot') : (french ? 'Point froid' : 'Cold spot'))
                + ' · z = ' + feature.properties.z.toFixed(1) + ' · ' + feature.properties.count);
            }
          }).addTo(map);
          mapElement.dataset.hotspots = String(cells.features.length);
        });
      }
      var forecastLayer = null;
      function loadForecast() {
        if (forecastLayer) { map.removeLayer(forecastLayer); forecastLayer = null; }
        if (!form.forecast || !form.forecast.checked) { return Promise.resolve(); }
        var category = form.category.value ? '&category=' + encodeURIComponent(form.category.value) : '';
        return getJSON('/api/v1/forecast?horizon=8h&startHour=' + (Math.floor(new Date().getHours() / 8) * 8) + category).then(function (layer) {
          var cells = layer.features.length;
          forecastLayer = L.geoJSON(layer, {
            style: function (feature) {
              return { color: '#6a1b9a', weight: 1, fillColor: '#8e24aa', fillOpacity: 0.15 + 0.5 * (1 - feature.properties.rank / cells) };
            },
            onEachFeature: function (feature, layer) {
              layer.bindTooltip((french ? 'Prévision, rang ' : 'Forecast, rank ') + feature.properties.rank);
            }
          }).addTo(map);
          legend.textContent = layer.forecast.summary.join(' · ');
          mapElement.dataset.forecast = String(cells);
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
        var work = [loadDistricts(), loadDensity(), loadHotspots(), loadForecast()];
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
