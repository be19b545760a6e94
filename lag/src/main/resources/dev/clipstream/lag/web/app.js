// The lag page: polls /api/lag and draws each group's lag history with uPlot (vendored, see README.md here).
(function () {
  'use strict';

  var groupsEl = document.getElementById('groups');
  var metaEl = document.getElementById('meta');
  var views = new Map();
  var updates = 0;

  function seconds(s) {
    if (s === null || s === undefined) { return 'n/a'; }
    if (s < 90) { return s.toFixed(1) + ' s'; }
    if (s < 5400) { return (s / 60).toFixed(1) + ' min'; }
    return (s / 3600).toFixed(1) + ' h';
  }

  function bytes(b) {
    var units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    var i = 0;
    while (b >= 1024 && i < units.length - 1) { b /= 1024; i++; }
    return b.toFixed(i === 0 ? 0 : 1) + ' ' + units[i];
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function chartWidth(section) {
    return Math.max(320, (section.clientWidth || 800) - 40);
  }

  function view(group) {
    var v = views.get(group);
    if (v) { return v; }
    var section = el('section', 'group');
    section.dataset.group = group;
    var title = el('h2');
    title.appendChild(el('span', 'name', group));
    var badge = el('span', 'status', '...');
    title.appendChild(badge);
    section.appendChild(title);
    var summary = el('p', 'summary');
    section.appendChild(summary);
    var reason = el('p', 'reason');
    section.appendChild(reason);
    var chartEl = el('div', 'chart');
    section.appendChild(chartEl);
    var table = el('table');
    section.appendChild(table);
    groupsEl.appendChild(section);
    var chart = new uPlot({
      width: chartWidth(section),
      height: 220,
      scales: { x: { time: true }, records: { auto: true }, seconds: { auto: true } },
      series: [
        {},
        { label: 'records behind', scale: 'records', stroke: '#2b6cb0', width: 2 },
        { label: 'oldest unconsumed (s)', scale: 'seconds', stroke: '#c05621', width: 2, dash: [6, 4] }
      ],
      axes: [
        {},
        { scale: 'records', label: 'records' },
        { scale: 'seconds', side: 1, label: 'seconds', grid: { show: false } }
      ]
    }, [[], [], []], chartEl);
    v = { section: section, badge: badge, summary: summary, reason: reason, table: table, chart: chart };
    views.set(group, v);
    return v;
  }

  function summaryText(g) {
    var parts = [g.recordLag + ' records behind', 'oldest unconsumed ' + seconds(g.timeLagSeconds),
      g.members + ' member(s)', g.type + ' / ' + g.state];
    if (g.units) {
      var approx = g.units.estimate ? '~' : '';
      parts.push(approx + g.units.clips + ' clips, ' + approx + seconds(g.units.videoSeconds) + ' of video, '
        + approx + bytes(g.units.videoBytes));
    }
    return parts.join(' \u00b7 ');
  }

  function fillTable(table, partitions) {
    table.textContent = '';
    var head = el('tr');
    ['topic-partition', 'committed', 'log start', 'end (LSO)', 'records', 'oldest', 'owner', 'note']
      .forEach(function (h) { head.appendChild(el('th', null, h)); });
    table.appendChild(head);
    partitions.forEach(function (p) {
      var row = el('tr');
      [p.topic + '-' + p.partition,
        p.committedOffset === null ? 'none' : String(p.committedOffset),
        String(p.logStartOffset), String(p.endOffset),
        p.recordLag === null ? 'undefined' : String(p.recordLag),
        seconds(p.timeLagSeconds), p.owner || '-'].forEach(function (c) { row.appendChild(el('td', null, c)); });
      row.appendChild(el('td', 'note', p.condition === 'NORMAL' ? p.note : p.condition + ': ' + p.note));
      table.appendChild(row);
    });
  }

  function render(body) {
    (body.groups || []).forEach(function (g) {
      var v = view(g.group);
      var series = (body.history || {})[g.group] || { t: [], records: [], seconds: [] };
      v.chart.setData([series.t, series.records, series.seconds]);
      v.section.dataset.points = String(series.t.length);
      v.section.dataset.status = g.status;
      v.badge.textContent = g.status;
      v.badge.className = 'status ' + g.status;
      v.summary.textContent = summaryText(g);
      v.reason.textContent = g.error ? g.error : g.statusReason;
      fillTable(v.table, g.partitions || []);
    });
    updates++;
    document.body.dataset.updates = String(updates);
    metaEl.textContent = body.takenAt
      ? 'Evaluated ' + body.takenAt + ' in ' + body.evaluationMillis + ' ms; refreshes every '
        + (body.refreshMillis / 1000) + ' s.'
      : 'Waiting for the first evaluation...';
  }

  function refresh() {
    var delay = 5000;
    fetch('/api/lag', { cache: 'no-store' })
      .then(function (r) { return r.json(); })
      .then(function (body) {
        delay = Math.max(1000, body.refreshMillis || 5000);
        render(body);
      })
      .catch(function (e) { metaEl.textContent = 'Cannot read /api/lag: ' + e; })
      .then(function () { setTimeout(refresh, delay); });
  }

  window.addEventListener('resize', function () {
    views.forEach(function (v) { v.chart.setSize({ width: chartWidth(v.section), height: 220 }); });
  });
  refresh();
})();
