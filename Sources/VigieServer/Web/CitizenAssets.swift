/// The report form's script: the map to pick the place on (Leaflet, district outlines, tiles when
/// configured), the keyboard way to do the same, and the open reports already made near the place.
enum CitizenAssets {
    static let javascript = #"""
    (function () {
      'use strict';
      var element = document.getElementById('pick-map');
      if (!element || !window.L) { return; }
      var form = document.getElementById('report-form');
      var lat = form.querySelector('input[name=lat]');
      var long = form.querySelector('input[name=long]');
      var picked = document.getElementById('picked');
      var nearbyBox = document.getElementById('nearby-box');
      var nearby = document.getElementById('nearby');
      var french = document.body.dataset.lang !== 'en';
      var map = L.map(element, { minZoom: 9, maxZoom: 19, keyboard: true });
      if (element.dataset.tiles) { L.tileLayer(element.dataset.tiles, { maxZoom: 19 }).addTo(map); }
      var area = (element.dataset.area || '').split(',').map(Number);
      if (area.length === 4 && area.every(isFinite)) {
        map.fitBounds([[area[0], area[1]], [area[2], area[3]]]);
      } else {
        map.setView([43.2965, 5.3698], 12);
      }
      fetch('/opendata/districts.geojson').then(function (response) { return response.json(); }).then(function (outlines) {
        var layer = L.geoJSON(outlines, { style: { color: '#0b4f8a', weight: 1, fillOpacity: 0.04 }, interactive: false }).addTo(map);
        if (outlines.features.length && !(area.length === 4 && area.every(isFinite))) { map.fitBounds(layer.getBounds()); }
      }).catch(function () {});
      var marker = null;
      function text(value) { var node = document.createElement('span'); node.textContent = value; return node; }
      function place(point) {
        lat.value = point.lat.toFixed(6);
        long.value = point.lng.toFixed(6);
        if (marker) { marker.setLatLng(point); } else { marker = L.circleMarker(point, { radius: 9, color: '#b00020', weight: 3 }).addTo(map); }
        picked.textContent = (french ? 'Point placé : ' : 'Point placed: ') + lat.value + ', ' + long.value;
        var query = '/open311/v2/requests.json?status=open&radius=300&lat=' + lat.value + '&long=' + long.value;
        fetch(query).then(function (response) { return response.json(); }).then(function (requests) {
          nearby.textContent = '';
          nearbyBox.hidden = false;
          if (!Array.isArray(requests) || requests.length === 0) {
            var none = document.createElement('li');
            none.className = 'none';
            none.textContent = nearby.dataset.none;
            nearby.appendChild(none);
            return;
          }
          requests.slice(0, 10).forEach(function (request) {
            var item = document.createElement('li');
            var title = document.createElement('strong');
            title.textContent = request.service_name;
            item.appendChild(title);
            item.appendChild(text(' — ' + (request.description || '') + ' (' + (request.requested_datetime || '').slice(0, 10) + ')'));
            nearby.appendChild(item);
          });
        }).catch(function () {});
      }
      map.on('click', function (event) { place(event.latlng); });
      element.addEventListener('keydown', function (event) {
        if (event.key === 'Enter') { event.preventDefault(); place(map.getCenter()); }
      });
      if (lat.value && long.value) { place(L.latLng(Number(lat.value), Number(long.value))); map.setView([Number(lat.value), Number(long.value)], 16); }
    })();
    """#
}
