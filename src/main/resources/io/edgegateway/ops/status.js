// The gateway's status page: polls /status.json and shows it. Every value is set as text (textContent)
// or as an SVG attribute: client ids and errors are whatever a device or the network chose.
'use strict';

const POLL_MS = 5000;
const SERIES = [
  { key: 'fromDevices', label: 'from devices', color: '#0969da' },
  { key: 'upstream', label: 'to IoT Core (acknowledged)', color: '#1a7f37', upstreamOnly: true },
  { key: 'downlink', label: 'downlink from IoT Core', color: '#bf8700', upstreamOnly: true },
  { key: 'toDevices', label: 'delivered to devices', color: '#8250df' },
  { key: 'dropped', label: 'dropped or refused', color: '#cf222e' },
];
const SVG = 'http://www.w3.org/2000/svg';

function $(id) { return document.getElementById(id); }

function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (className) e.className = className;
  return e;
}

function svg(tag, attrs) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  return e;
}

function setText(id, value) { $(id).textContent = String(value); }

function duration(seconds) {
  seconds = Math.max(0, Math.round(seconds));
  if (seconds < 60) return seconds + ' s';
  if (seconds < 3600) return Math.floor(seconds / 60) + ' min ' + (seconds % 60) + ' s';
  if (seconds < 86400) return Math.floor(seconds / 3600) + ' h ' + Math.floor((seconds % 3600) / 60) + ' min';
  return Math.floor(seconds / 86400) + ' d ' + Math.floor((seconds % 86400) / 3600) + ' h';
}

function bytes(n) {
  if (n < 1024) return n + ' B';
  if (n < 1024 * 1024) return (n / 1024).toFixed(1) + ' KiB';
  if (n < 1024 * 1024 * 1024) return (n / 1024 / 1024).toFixed(1) + ' MiB';
  return (n / 1024 / 1024 / 1024).toFixed(2) + ' GiB';
}

function ago(iso, nowMs) {
  if (!iso) return '—';
  return duration((nowMs - Date.parse(iso)) / 1000) + ' ago';
}

function within(iso, nowMs) {
  if (!iso) return '—';
  const s = (Date.parse(iso) - nowMs) / 1000;
  return s <= 0 ? 'due now' : 'in ' + duration(s);
}

function rate(perSecond) {
  return (perSecond >= 10 ? perSecond.toFixed(0) : perSecond.toFixed(2)) + '/s';
}

function byReason(counts, none) {
  const parts = Object.entries(counts || {}).map(([k, v]) => k.replace(/_/g, ' ') + ': ' + v);
  return parts.length ? parts.join(', ') : none;
}

function stateClass(state) {
  if (state === 'connected') return 'badge ok';
  if (state === 'connecting' || state === 'retrying') return 'badge warn';
  return 'badge bad';
}

function figures(pairs) {
  const dl = el('dl', null, 'figures');
  for (const [label, value, cls] of pairs) {
    const d = el('div');
    d.append(el('dt', label), el('dd', value, cls));
    dl.append(d);
  }
  return dl;
}

function renderHeader(s) {
  setText('gateway-id', s.gatewayId);
  document.title = 'Edge gateway ' + s.gatewayId;
  const ready = $('readiness');
  ready.textContent = s.ready ? 'ready' : 'not ready';
  ready.className = s.ready ? 'badge ok' : 'badge bad';
  setText('uptime', duration(s.uptimeSeconds));
  const mode = $('mode');
  mode.textContent = s.localOnly ? 'local only' : '';
  mode.hidden = !s.localOnly;
  $('reasons').replaceChildren(...s.reasons.map(r => el('li', r)));
}

function renderUpstream(s, nowMs) {
  const box = $('upstream');
  if (s.localOnly) {
    box.replaceChildren(el('p', 'Local only: this gateway has no upstream link; devices talk to each other.',
      'muted local-only'));
    return;
  }
  const items = s.upstream.connections.map(c => {
    const d = el('div', null, 'connection');
    d.dataset.clientId = c.clientId;
    const h = el('h3');
    h.append(el('span', c.clientId, 'client-id'), el('span', c.state, 'state ' + stateClass(c.state)));
    d.append(h, figures([
      ['Since', ago(c.since, nowMs)],
      ['Queued', c.queued],
      ['In flight', c.inflight],
      ['Next attempt', c.nextAttempt ? within(c.nextAttempt, nowMs) : '—'],
      ['Reconnects', c.reconnects],
      ['Denials', c.denials],
      ['Throttled', c.throttled],
    ]));
    if (c.lastError) {
      d.append(el('p', 'Last error: ' + c.lastError, 'error last-error'));
    }
    return d;
  });
  if (s.upstream.refusedQueueFull > 0) {
    items.push(el('p', 'Refused, queue towards IoT Core full: ' + s.upstream.refusedQueueFull, 'error'));
  }
  box.replaceChildren(...items);
}

function renderDevices(s, nowMs) {
  const d = s.devices;
  setText('devices-connected', d.connected);
  setText('devices-accepted', d.accepted);
  setText('devices-refused', d.refused);
  setText('devices-refusals', 'Refused by reason: ' + byReason(d.refusedByReason, 'none'));
  setText('devices-drops', 'Dropped at the broker: ' + byReason(d.droppedByReason, 'none'));
  const rows = d.list.map(dev => {
    const tr = el('tr');
    tr.append(el('td', dev.clientId, 'id'), el('td', dev.username === null ? '(anonymous)' : dev.username),
      el('td', dev.remoteAddress), el('td', dev.protocol), el('td', ago(dev.since, nowMs)));
    return tr;
  });
  if (d.connected > d.list.length) {
    const tr = el('tr');
    const td = el('td', 'and ' + (d.connected - d.list.length) + ' more', 'muted');
    td.colSpan = 5;
    tr.append(td);
    rows.push(tr);
  }
  if (rows.length === 0) {
    const tr = el('tr');
    const td = el('td', 'No device connected', 'muted');
    td.colSpan = 5;
    tr.append(td);
    rows.push(tr);
  }
  $('devices-list').replaceChildren(...rows);
}

function renderTraffic(s, nowMs) {
  const t = s.traffic;
  // drawn at the width it is shown at, so that its labels keep their size on a phone and on a desk
  const W = Math.max(280, Math.round($('chart').clientWidth || 600)), H = 190, L = 40, R = 6, B = 18, T = 8;
  const windowMs = t.windowSeconds * 1000;
  setText('traffic-window', duration(t.windowSeconds).replace(' 0 s', ''));
  const shown = SERIES.filter(x => !(x.upstreamOnly && s.localOnly));
  // a rate per interval; one still filling counts over a whole interval, so it never spikes
  const rates = {};
  for (const x of shown) {
    rates[x.key] = t.series[x.key].map((n, i) => n / Math.max(t.seconds[i], t.intervalSeconds));
  }
  let max = 0;
  for (const x of shown) for (const r of rates[x.key]) max = Math.max(max, r);
  const top = max <= 0 ? 1 : niceCeiling(max);
  const xOf = end => L + (W - L - R) * Math.min(1, Math.max(0, (end - (nowMs - windowMs)) / windowMs));
  const yOf = r => T + (H - T - B) * (1 - r / top);

  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', id: 'traffic-chart',
    'aria-label': 'messages per second over the last ' + duration(t.windowSeconds) });
  for (const f of [0, 0.5, 1]) {
    const y = yOf(top * f);
    chart.append(svg('line', { x1: L, x2: W - R, y1: y, y2: y, class: 'grid' }));
    const label = svg('text', { x: L - 4, y: y + 4, 'text-anchor': 'end' });
    label.textContent = String(Number((top * f).toPrecision(3)));
    chart.append(label);
  }
  const start = svg('text', { x: L, y: H - 4 });
  start.textContent = '−' + duration(t.windowSeconds).replace(' 0 s', '');
  const end = svg('text', { x: W - R, y: H - 4, 'text-anchor': 'end' });
  end.textContent = 'now';
  chart.append(start, end);
  const legend = [];
  for (const x of shown) {
    const points = rates[x.key].map((r, i) => xOf(t.ends[i]).toFixed(1) + ',' + yOf(r).toFixed(1));
    chart.append(svg('polyline', { points: points.join(' '), fill: 'none', stroke: x.color, 'stroke-width': 2,
      'stroke-linejoin': 'round', 'data-series': x.key, 'data-points': points.length }));
    if (points.length) {
      // the latest value as a dot: a line of one point would not show
      const [cx, cy] = points[points.length - 1].split(',');
      chart.append(svg('circle', { cx, cy, r: 3, fill: x.color }));
    }
    const total = t.series[x.key].reduce((a, b) => a + b, 0);
    const last = rates[x.key].length ? rates[x.key][rates[x.key].length - 1] : 0;
    const li = el('li');
    li.dataset.series = x.key;
    li.append(el('span', null, 'swatch s-' + x.key), el('span', x.label + ': ' + rate(last) + ' now, '
      + total + ' in all'));
    legend.push(li);
  }
  $('chart').replaceChildren(chart);
  $('legend').replaceChildren(...legend);
}

function niceCeiling(v) {
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 5, 10]) if (v <= m * p) return m * p;
  return 10 * p;
}

function renderSpool(s) {
  const box = $('spool');
  if (s.localOnly) {
    box.replaceChildren(el('p', 'Local only: no spool, nothing is forwarded upstream.', 'muted local-only'));
    return;
  }
  const p = s.spool;
  box.replaceChildren(figures([
    ['Messages waiting', p.messages, 'spool-messages'],
    ['Size', bytes(p.bytes)],
    ['Oldest', p.messages > 0 ? duration(p.oldestAgeSeconds) : '—'],
    ['In memory, to write', p.deferred],
    ['Storage', p.storageFailing ? 'FAILING' : 'ok', p.storageFailing ? 'error' : ''],
    ['Expired', p.drops.expired],
    ['Dropped (overflow)', p.drops.overflow],
    ['Dropped QoS 0 (disk behind)', p.drops.writerBehind],
    ['Refused (full)', p.drops.refusedFull],
    ['Refused (storage)', p.drops.refusedStorage],
  ]));
}

function render(s) {
  const nowMs = Date.parse(s.now);
  renderHeader(s);
  renderUpstream(s, nowMs);
  renderDevices(s, nowMs);
  renderTraffic(s, nowMs);
  renderSpool(s);
  setText('updated', new Date(nowMs).toLocaleTimeString());
  $('error').hidden = true;
}

async function poll() {
  try {
    const r = await fetch('/status.json', { cache: 'no-store' });
    if (!r.ok) throw new Error('HTTP ' + r.status);
    render(await r.json());
  } catch (e) {
    const box = $('error');
    box.textContent = 'Cannot reach the gateway: ' + e.message + ' (showing the last values)';
    box.hidden = false;
  } finally {
    setTimeout(poll, POLL_MS);
  }
}

poll();
