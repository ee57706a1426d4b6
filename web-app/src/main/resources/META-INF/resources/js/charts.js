// Draws every <canvas data-chart="{chart.js config as JSON}"> on the page, and in content htmx swaps in.
// The config comes from the server as data (an attribute), so labels a sender chose are never markup.
(function () {
  'use strict';
  function draw(root) {
    root.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      if (canvas.dataset.drawn) {
        return;
      }
      canvas.dataset.drawn = 'true';
      new window.Chart(canvas, JSON.parse(canvas.dataset.chart));
    });
  }
  if (window.htmx) {
    window.htmx.onLoad(draw);
  } else {
    document.addEventListener('DOMContentLoaded', function () { draw(document); });
  }
})();
