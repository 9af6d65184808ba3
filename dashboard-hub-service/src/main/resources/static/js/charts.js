// Draws the charts whose data the server put in data-chart (JSON). Each chart also has a table for screen readers.
(function () {
  'use strict';
  if (!window.Chart) {
    return;
  }
  const style = getComputedStyle(document.documentElement);
  const colour = function (name, fallback) {
    const value = style.getPropertyValue(name).trim();
    return value || fallback;
  };
  const brand = colour('--brand', '#0b5fff');
  const ok = colour('--ok', '#1b6e2e');
  const bad = colour('--bad', '#b3261e');
  const warn = colour('--warn', '#8a5a00');
  const muted = colour('--muted', '#555');

  function flat(labels, value) {
    return labels.map(function () { return value == null ? null : Number(value); });
  }

  function numbers(values) {
    return values.map(function (v) { return v == null ? null : Number(v); });
  }

  const builders = {
    price: function (d) {
      const labels = d.labels.map(function (t) { return new Date(t).toLocaleString(); });
      return {type: 'line', data: {labels: labels, datasets: [
        {label: 'Close', data: numbers(d.close), borderColor: brand, pointRadius: 0, tension: 0.1},
        {label: 'Entry', data: flat(labels, d.entry), borderColor: muted, borderDash: [4, 4], pointRadius: 0},
        {label: 'Target', data: flat(labels, d.target), borderColor: ok, borderDash: [6, 3], pointRadius: 0},
        {label: 'Stop', data: flat(labels, d.stop), borderColor: bad, borderDash: [6, 3], pointRadius: 0}]}};
    },
    performance: function (d) {
      return {type: 'line', data: {labels: d.labels, datasets: [
        {label: 'Accuracy %', data: numbers(d.accuracy), borderColor: brand},
        {label: '95 % interval, low', data: numbers(d.low), borderColor: muted, borderDash: [4, 4], pointRadius: 0},
        {label: '95 % interval, high', data: numbers(d.high), borderColor: muted, borderDash: [4, 4], pointRadius: 0}]},
        options: {scales: {y: {min: 0, max: 100}}}};
    },
    mrr: function (d) {
      return {type: 'bar', data: {labels: d.labels, datasets: [
        {label: 'New', data: numbers(d['new']), backgroundColor: ok, stack: 'm'},
        {label: 'Expansion', data: numbers(d.expansion), backgroundColor: brand, stack: 'm'},
        {label: 'Reactivation', data: numbers(d.reactivation), backgroundColor: warn, stack: 'm'},
        {label: 'Contraction', data: numbers(d.contraction), backgroundColor: muted, stack: 'm'},
        {label: 'Churned', data: numbers(d.churned), backgroundColor: bad, stack: 'm'},
        {label: 'Closing MRR', data: numbers(d.closing), type: 'line', borderColor: brand, yAxisID: 'y1'}]},
        options: {scales: {x: {stacked: true}, y: {stacked: true, title: {display: true, text: d.currency}},
          y1: {position: 'right', grid: {drawOnChartArea: false}}}}};
    },
    churn: function (d) {
      return {type: 'line', data: {labels: d.labels, datasets: [
        {label: 'Customer churn %', data: numbers(d.customerChurn), borderColor: bad},
        {label: 'Net MRR churn %', data: numbers(d.netMrrChurn), borderColor: brand}]}};
    },
    revenue: function (d) {
      const palette = [brand, ok, warn, bad, muted];
      return {type: 'bar', data: {labels: d.labels, datasets: d.series.map(function (s, i) {
        return {label: s.label, data: numbers(s.data), backgroundColor: palette[i % palette.length], stack: 'r'};
      })}, options: {scales: {x: {stacked: true}, y: {stacked: true, title: {display: true, text: d.currency}}}}};
    }
  };

  function draw(root) {
    root.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      if (canvas.dataset.drawn) {
        return;
      }
      const data = JSON.parse(canvas.dataset.chart);
      const build = builders[data.kind];
      if (!build) {
        return;
      }
      const config = build(data);
      config.options = Object.assign({responsive: true, maintainAspectRatio: false, animation: false}, config.options || {});
      new window.Chart(canvas, config);
      canvas.dataset.drawn = 'true';
    });
  }

  draw(document);
  document.body.addEventListener('htmx:afterSettle', function (event) {
    draw(event.detail.target || document);
  });
})();
