// Live signals: new signals arrive over server-sent events and are added to the top of the table, built with
// textContent only, so nothing in an event can become markup.
(function () {
  'use strict';
  const first = document.getElementById('live-signals');
  if (!first || !window.EventSource) {
    return;
  }
  // htmx replaces the panel when it loads, so the region is looked up each time
  const region = function () {
    return document.getElementById('live-signals');
  };
  const status = document.getElementById('live-status');
  const filter = first.dataset.assetClass || '';
  const maxRows = 50;
  let failures = 0;

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  function cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = text == null ? '—' : String(text);
    if (className) {
      td.className = className;
    }
    row.appendChild(td);
    return td;
  }

  function badge(td, text, className) {
    const span = document.createElement('span');
    span.className = 'badge ' + className;
    span.textContent = text;
    td.appendChild(document.createTextNode(' '));
    td.appendChild(span);
  }

  function tableBody() {
    let body = document.querySelector('#signals-table tbody');
    if (!body) {
      // the list was empty: the first live signal creates the table
      const empty = document.getElementById('signals-empty');
      const table = document.getElementById('signals-template');
      if (!table) {
        return null;
      }
      const copy = table.content.cloneNode(true);
      if (empty) {
        empty.replaceWith(copy);
      } else {
        region().appendChild(copy);
      }
      body = document.querySelector('#signals-table tbody');
    }
    return body;
  }

  function addSignal(signal) {
    if (filter && signal.assetClass !== filter) {
      return;
    }
    const body = tableBody();
    if (!body || body.querySelector('tr[data-id="' + CSS.escape(signal.signalId) + '"]')) {
      return;
    }
    const row = document.createElement('tr');
    row.dataset.id = signal.signalId;
    const symbol = document.createElement('td');
    const link = document.createElement('a');
    link.href = '/signals/' + encodeURIComponent(signal.signalId);
    link.textContent = signal.symbol;
    symbol.appendChild(link);
    if (signal.simulated) {
      badge(symbol, 'Simulated', 'sim');
    }
    row.appendChild(symbol);
    cell(row, signal.assetClass);
    const direction = cell(row, '');
    badge(direction, signal.direction, signal.direction === 'long' ? 'long' : 'short');
    cell(row, signal.entry, 'num');
    cell(row, signal.target, 'num');
    cell(row, signal.stop, 'num');
    cell(row, signal.confidence == null ? null : (signal.confidence * 100).toFixed(1) + ' %', 'num');
    const time = cell(row, new Date(signal.generatedAt).toLocaleString());
    time.dataset.time = signal.generatedAt;
    cell(row, 'Open', 'outcome');
    body.insertBefore(row, body.firstChild);
    while (body.rows.length > maxRows) {
      body.deleteRow(body.rows.length - 1);
    }
    say('New signal: ' + signal.symbol + ' ' + signal.direction + (signal.simulated ? ' (simulated instrument)' : '') + '.');
  }

  function resolve(signal) {
    const row = document.querySelector('#signals-table tr[data-id="' + CSS.escape(signal.signalId) + '"]');
    if (!row) {
      return;
    }
    const outcome = row.querySelector('td.outcome');
    const names = {target_first: 'Target reached first', stop_first: 'Stopped out', horizon: 'Closed at the horizon'};
    outcome.textContent = names[signal.outcome] || signal.outcome;
    if (signal.returnPct != null) {
      outcome.textContent += ' (' + signal.returnPct + ' %)';
    }
    say(signal.symbol + ': ' + outcome.textContent + '.');
  }

  function connect() {
    const source = new EventSource('/signals/stream');
    source.addEventListener('ready', function (event) {
      failures = 0;
      const info = JSON.parse(event.data);
      document.body.dataset.live = 'connected';
      say(info.delaySeconds > 0 ? 'Live: new signals appear ' + Math.round(info.delaySeconds / 60)
          + ' minutes after they are published (your plan).' : 'Live: new signals appear as they are published.');
    });
    source.addEventListener('signal', function (event) {
      addSignal(JSON.parse(event.data));
    });
    source.addEventListener('resolved', function (event) {
      resolve(JSON.parse(event.data));
    });
    source.onerror = function () {
      failures += 1;
      document.body.dataset.live = 'reconnecting';
      if (failures >= 5) {
        source.close();
        say('The live feed is not available right now; reload the page to try again.');
      } else {
        say('Reconnecting to the live feed…');
      }
    };
  }

  connect();
})();
