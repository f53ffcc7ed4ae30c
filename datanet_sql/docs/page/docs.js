// The datanet docs site's code: reads window.DATANET_DOCS (datanet_docs.js) and draws the
// list, a node's page, the lineage graph (nodes and, for a picked column, column-to-column
// edges) and the history charts as inline SVG. No library and no network: it opens from disk.
"use strict";
const STARTED = performance.now();  // the data script has run: its parse time is before this
const D = window.DATANET_DOCS || {project: "?", nodes: {}, runs: [], status: {targets: []}};
const N = D.nodes;
const CHILDREN = {};
const COLS = {};
for (const [id, n] of Object.entries(N)) {
  for (const p of n.parents) (CHILDREN[p] = CHILDREN[p] || []).push(id);
  COLS[id] = {};
  for (const c of n.columns) COLS[id][c.name] = c;
}
const $ = (s) => document.querySelector(s);
const esc = (s) => String(s == null ? "" : s).replace(/[&<>"']/g,
  (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
const SVGNS = "http://www.w3.org/2000/svg";
const LIST_MAX = 300;  // results drawn in the side list at once
const nodeLink = (id) => N[id] ? `<a href="#n=${encodeURIComponent(id)}">${esc(N[id].name)}</a>` : esc(id);

// ---- search: model names, column names, descriptions ----
function searchHits(q) {
  q = q.trim().toLowerCase();
  const hits = [];
  for (const [id, n] of Object.entries(N)) {
    if (!q) { hits.push([id, ""]); continue; }
    if (n.name.toLowerCase().includes(q)) { hits.push([id, ""]); continue; }
    const col = n.columns.find((c) => c.name.toLowerCase() === q) ||
      n.columns.find((c) => c.name.toLowerCase().includes(q));
    if (col) { hits.push([id, "column " + col.name]); continue; }
    if (n.description.toLowerCase().includes(q)) { hits.push([id, "description"]); continue; }
    const dcol = n.columns.find((c) => (c.description || "").toLowerCase().includes(q));
    if (dcol) hits.push([id, "description of " + dcol.name]);
  }
  return hits;
}
function drawList() {
  const hits = searchHits($("#search").value);
  const html = hits.slice(0, LIST_MAX).map(([id, why]) =>
    `<div class="result${id === current ? " on" : ""}" data-id="${esc(id)}">` +
    `<span class="kind k-${N[id].kind}">${N[id].kind}</span>${esc(N[id].name)}` +
    (why ? ` <small>${esc(why)}</small>` : "") + "</div>");
  if (hits.length > LIST_MAX) html.push(`<div class="muted result">${hits.length - LIST_MAX} more: refine the search</div>`);
  if (!hits.length) html.push('<div class="muted result">nothing found</div>');
  $("#list").innerHTML = html.join("");
}
$("#search").addEventListener("input", drawList);
$("#list").addEventListener("click", (e) => {
  const r = e.target.closest(".result[data-id]");
  if (r) location.hash = "n=" + encodeURIComponent(r.dataset.id);
});

// ---- column lineage: upstream through each column's `lineage`, downstream through its
// reverse (built on the first click: a page that never picks a column never pays for it) ----
const key = (node, col) => node + "\u0000" + col;
const ref = (k) => k.replace("\u0000", ".");
let DOWN = null;
function downstreamOf(node, col) {
  if (!DOWN) {
    DOWN = {};
    for (const [id, n] of Object.entries(N)) for (const c of n.columns) for (const [p, pc] of c.lineage || [])
      (DOWN[key(p, pc)] = DOWN[key(p, pc)] || []).push([id, c.name]);
  }
  return DOWN[key(node, col)] || [];
}
const upstreamOf = (node, col) => ((COLS[node] || {})[col] || {}).lineage || [];
// depth first from (node, col): every column reached, once, and every edge as [from, to] keys
function walkColumns(node, col, next, upward) {
  const found = [], edges = [], seen = new Set([key(node, col)]);
  const walk = (nid, cname, depth) => {
    for (const [oid, ocol] of next(nid, cname)) {
      edges.push(upward ? [key(oid, ocol), key(nid, cname)] : [key(nid, cname), key(oid, ocol)]);
      if (seen.has(key(oid, ocol))) continue;
      seen.add(key(oid, ocol));
      found.push({node: oid, column: ocol, depth});
      walk(oid, ocol, depth + 1);
    }
  };
  walk(node, col, 1);
  return {found, edges};
}
function columnSelection(node, column) {
  return {node, column, up: walkColumns(node, column, upstreamOf, true),
          down: walkColumns(node, column, downstreamOf, false)};
}

// ---- the graph: the open node's neighbourhood, plus every node a picked column reaches ----
const DEPTH = 2, PER_LEVEL = 25, COLS_SHOWN = 12;
const REACHED_MAX = 40;  // nodes a picked column adds to the graph, nearest first: a key column
                         // of a 1,000-model project reaches 850 models and 4,000 columns
const W = 190, HEAD = 24, ROW = 16, GX = 70, GY = 12;
function neighbourhood(id) {
  const level = {[id]: 0};
  const grow = (edges) => {
    let front = [id];
    for (let d = 1; d <= DEPTH; d++) {
      const next = [];
      for (const f of front) for (const o of (edges(f) || [])) {
        if (o in level || !N[o]) continue;
        if (next.length >= PER_LEVEL) break;
        level[o] = d; next.push(o);
      }
      front = next;
    }
  };
  grow((f) => N[f].parents);
  grow((f) => CHILDREN[f]);
  return Object.keys(level);
}
// which columns each drawn node shows, and how each is lit (sel, up or down)
function graphColumns(id, shown, sel) {
  const lit = {}, reached = new Set(), left = new Set();
  if (sel) {
    lit[sel.node] = {[sel.column]: "sel"};
    shown.add(sel.node);
    const near = [...sel.up.found.map((u) => [u, "up"]), ...sel.down.found.map((u) => [u, "down"])]
      .filter(([u]) => N[u.node]).sort((a, b) => a[0].depth - b[0].depth);
    for (const [u, dir] of near) {
      if (!reached.has(u.node) && !shown.has(u.node) && reached.size >= REACHED_MAX) { left.add(u.node); continue; }
      if (!shown.has(u.node)) reached.add(u.node);
      shown.add(u.node);
      lit[u.node] = lit[u.node] || {};
      lit[u.node][u.column] = lit[u.node][u.column] || dir;
    }
  }
  const rows = {};
  for (const nid of shown) {
    const names = nid === id ? N[nid].columns.slice(0, COLS_SHOWN).map((c) => c.name) : [];
    for (const c of Object.keys(lit[nid] || {})) if (!names.includes(c)) names.push(c);
    rows[nid] = names;
  }
  return {lit, rows, left: left.size};
}
// layers by the longest path from the drawn roots, so every edge points right
function layers(shown) {
  const rank = {};
  const rankOf = (nid) => {
    if (nid in rank) return rank[nid];
    rank[nid] = 0;  // a guard: the DAG has no cycle, but a broken data file must not hang
    let r = 0;
    for (const p of N[nid].parents) if (shown.has(p)) r = Math.max(r, rankOf(p) + 1);
    return (rank[nid] = r);
  };
  for (const nid of shown) rankOf(nid);
  return rank;
}
function svgEl(tag, attrs) {
  const el = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}
function curve(a, b, c, d) {
  return `M${a},${b} C${a + GX / 2},${b} ${c - GX / 2},${d} ${c},${d}`;
}
function drawGraph(id, sel) {
  const shown = new Set(neighbourhood(id));
  const {lit, rows, left} = graphColumns(id, shown, sel);
  const rank = layers(shown);
  const byRank = {};
  for (const nid of shown) (byRank[rank[nid]] = byRank[rank[nid]] || []).push(nid);
  const pos = {}, colY = {};
  let width = 0, height = 0;
  for (const [r, nids] of Object.entries(byRank)) {
    let y = 10;
    const x = 10 + Number(r) * (W + GX);
    for (const nid of nids.sort((a, b) => N[a].name.localeCompare(N[b].name))) {
      pos[nid] = [x, y];
      rows[nid].forEach((c, i) => { colY[key(nid, c)] = y + HEAD + i * ROW + ROW / 2; });
      y += boxHeight(id, nid, rows[nid]) + GY;
    }
    width = Math.max(width, x + W + 10);
    height = Math.max(height, y);
  }
  const svg = svgEl("svg", {id: "graph", width, height, "data-left": left});
  for (const nid of shown) for (const p of N[nid].parents) {
    if (!pos[p]) continue;
    const hl = lit[p] && lit[nid];
    svg.appendChild(svgEl("path", {class: "edge" + (hl ? " hl" : ""), d: curve(pos[p][0] + W, pos[p][1] + HEAD / 2, pos[nid][0], pos[nid][1] + HEAD / 2)}));
  }
  for (const nid of shown) svg.appendChild(drawNode(id, nid, pos[nid], rows[nid], lit[nid] || {}, sel));
  if (sel) for (const [dir, walk] of [["up", sel.up], ["down", sel.down]]) for (const [from, to] of walk.edges) {
    const [fn, tn] = [from.split("\u0000")[0], to.split("\u0000")[0]];
    if (!(from in colY) || !(to in colY) || !pos[fn] || !pos[tn]) continue;
    svg.appendChild(svgEl("path", {class: "coledge " + dir, "data-from": ref(from), "data-to": ref(to),
      d: curve(pos[fn][0] + W, colY[from], pos[tn][0], colY[to])}));
  }
  return svg;
}
function boxHeight(id, nid, names) {
  const more = nid === id && N[nid].columns.length > COLS_SHOWN ? ROW : 0;
  return HEAD + names.length * ROW + more + (names.length ? 4 : 0);
}
function drawNode(id, nid, [x, y], names, lit, sel) {
  const g = svgEl("g", {class: "node" + (nid === id ? " sel" : "") + (Object.keys(lit).length && (!sel || nid !== sel.node) ? " hl" : ""),
    "data-id": nid, transform: `translate(${x},${y})`});
  const label = N[nid].name.length > 25 ? N[nid].name.slice(0, 24) + "\u2026" : N[nid].name;
  const extra = nid === id ? N[nid].columns.length - Math.min(N[nid].columns.length, COLS_SHOWN) : 0;
  g.innerHTML = `<rect class="box" width="${W}" height="${boxHeight(id, nid, names)}"></rect>` +
    `<text x="8" y="16" font-weight="600">${esc(label)}</text><title>${esc(nid)}</title>` +
    names.map((c, i) => `<g class="colrow${lit[c] ? " " + lit[c] : ""}" data-col="${esc(c)}">` +
      `<rect x="1" y="${HEAD + i * ROW}" width="${W - 2}" height="${ROW}"></rect>` +
      `<text x="12" y="${HEAD + i * ROW + 12}">${esc(c.length > 28 ? c.slice(0, 27) + "\u2026" : c)}</text></g>`).join("") +
    (extra > 0 ? `<text class="more" x="12" y="${HEAD + names.length * ROW + 12}">+${extra} more (in the table below)</text>` : "");
  return g;
}
$("#main").addEventListener("click", (e) => {
  const colrow = e.target.closest("#graph g.colrow");
  if (colrow) return pickColumn(colrow.closest("g.node").dataset.id, colrow.dataset.col);
  const g = e.target.closest("#graph g.node");
  if (g) { location.hash = "n=" + encodeURIComponent(g.dataset.id); return; }
  const tr = e.target.closest("tr.col");
  if (tr) return pickColumn(current, tr.dataset.col);
  const li = e.target.closest("#upstream li, #downstream li");
  if (li && N[li.dataset.id]) location.hash = "n=" + encodeURIComponent(li.dataset.id);
});

// ---- charts: inline SVG lines (alerts as red dots) and duration bars ----
const COLOR = {success: "#2f9e58", pass: "#2f9e58", error: "#c0392b", fail: "#c0392b", warn: "#d69e2e"};
const when = (t) => t ? new Date(t * 1000).toISOString().replace("T", " ").slice(0, 19) : "";
const num = (v) => v == null ? "" : Math.abs(v) >= 1000 ? Math.round(v).toLocaleString("en") : String(+v.toFixed(3));
// points: [{v, at, run, alert}] oldest first (an alert: the message raised on that run)
function lineChart(metric, title, points) {
  const vals = points.filter((p) => p.v != null);
  if (!vals.length) return "";
  const w = 320, h = 80, left = 44, top = 6, bottom = 14;
  let lo = Math.min(...vals.map((p) => p.v)), hi = Math.max(...vals.map((p) => p.v));
  if (hi === lo) { hi += Math.abs(hi) * 0.1 || 1; lo -= Math.abs(lo) * 0.1 || 0; }
  const x = (i) => left + i * (w - left - 8) / Math.max(points.length - 1, 1);
  const y = (v) => top + (hi - v) / (hi - lo) * (h - top - bottom);
  const pts = points.map((p, i) => [i, p]).filter(([, p]) => p.v != null);
  const d = pts.map(([i, p], k) => `${k ? "L" : "M"}${x(i).toFixed(1)},${y(p.v).toFixed(1)}`).join(" ");
  const dots = pts.map(([i, p]) => `<circle class="${p.alert ? "alert" : "pt"}" cx="${x(i).toFixed(1)}" cy="${y(p.v).toFixed(1)}" r="${p.alert ? 4.5 : 2}" fill="#3867c8">` +
    `<title>${esc(`${title}: ${num(p.v)}, ${when(p.at)}${p.run ? ", run " + p.run : ""}${p.alert ? "\nALERT: " + p.alert : ""}`)}</title></circle>`).join("");
  const last = vals[vals.length - 1].v;
  return `<figure class="chart"><figcaption>${esc(title)}: <b>${num(last)}</b> now, ${vals.length} runs` +
    `${points.some((p) => p.alert) ? ' <span class="s-fail">alert</span>' : ""}</figcaption>` +
    `<svg class="chart" data-metric="${esc(metric)}" width="${w}" height="${h}">` +
    `<text x="${left - 4}" y="${top + 8}" text-anchor="end">${num(hi)}</text><text x="${left - 4}" y="${h - bottom}" text-anchor="end">${num(lo)}</text>` +
    `<text x="${left}" y="${h - 2}">${when(points[0].at).slice(0, 10)}</text><text x="${w - 8}" y="${h - 2}" text-anchor="end">${when(points[points.length - 1].at).slice(0, 10)}</text>` +
    `<line x1="${left}" y1="${h - bottom}" x2="${w - 8}" y2="${h - bottom}" stroke="#d8dce3"/><path d="${d}" stroke="#3867c8" fill="none"/>${dots}</svg></figure>`;
}
function bars(values, colors, label) {
  const w = 8, h = 60, max = Math.max(...values, 1e-9);
  const rects = values.map((v, i) => {
    const bh = Math.max(1, (v / max) * h);
    return `<rect x="${i * (w + 2)}" y="${h - bh}" width="${w}" height="${bh}" fill="${colors[i]}"><title>${esc(label(i))}</title></rect>`;
  }).join("");
  return `<figure class="chart"><figcaption>Duration per run, coloured by status</figcaption><svg class="chart" data-metric="duration" width="${values.length * (w + 2)}" height="${h}">${rects}</svg></figure>`;
}
// the charts of a node: its table's measurements (row count, null rate of each key column,
// freshness lag) with the anomaly alerts of the same run marked, then the duration per run
function historyCharts(n) {
  const m = n.metrics, h = n.history;
  const alertOf = (run, metric, column) => {
    const a = n.alerts.find((x) => x.run === run && x.metric === metric && (column == null || x.column == null || x.column === column));
    return a ? a.message : "";
  };
  const charts = [];
  if (m.some((p) => p.rows != null)) charts.push(lineChart("row_count", "Row count", m.map((p) => ({v: p.rows, at: p.at, run: p.run, alert: alertOf(p.run, "row_count")}))));
  else if (h.some((r) => r.rows != null)) charts.push(lineChart("rows", "Rows per run", h.map((r) => ({v: r.rows, at: r.at, run: r.run}))));
  const keys = [...new Set(m.flatMap((p) => Object.keys(p.nulls)))];
  for (const col of keys) charts.push(lineChart("null_rate:" + col, `Null rate of ${col}`, m.map((p) => ({v: p.nulls[col], at: p.at, run: p.run, alert: alertOf(p.run, "null_rate", col)}))));
  if (m.some((p) => p.lag_h != null)) charts.push(lineChart("freshness", "Freshness lag (hours)", m.map((p) => ({v: p.lag_h, at: p.at, run: p.run, alert: alertOf(p.run, "freshness_lag_hours")}))));
  if (h.length) charts.push(bars(h.map((r) => r.duration), h.map((r) => COLOR[r.status] || "#8a94a6"), (i) => `run ${h[i].run}: ${h[i].status}, ${h[i].duration}s, ${when(h[i].at)}`));
  if (!charts.length) return '<p class="muted">No run history for this node.</p>';
  const alerts = n.alerts.slice().reverse().map((a) => `<tr><td>${a.run}</td><td>${when(a.at)}</td><td class="s-${esc(a.status)}">${esc(a.status)}</td><td>${esc(a.message)}</td></tr>`).join("");
  return `<div class="charts">${charts.join("")}</div>` +
    (alerts ? `<h3>Anomaly alerts</h3><table id="alerts"><tr><th>run</th><th>at (UTC)</th><th>status</th><th>why</th></tr>${alerts}</table>` : "");
}

// ---- pages ----
let current = null;
function statusSection() {
  const targets = (D.status || {}).targets || [];
  const item = (b) => `<li>${b.node ? nodeLink(b.node) : esc(b.unique_id)} <span class="s-${esc(b.status)}">${esc(b.status)}</span> <span class="muted">${esc(b.message)}</span></li>`;
  const list = (title, cls, items) => items.length ? `<h4>${title}</h4><ul class="status-list ${cls}">${items.map(item).join("")}</ul>` : "";
  return targets.map((t) => {
    const r = t.last_run;
    const counts = r ? Object.entries(r.counts).map(([k, v]) => `${v} ${k}`).join(", ") : "";
    const problems = list("Failed", "failed", t.failed) + list("Late", "late", t.late) + list("Anomalous", "anomalous", t.anomalies);
    return `<div class="target" data-target="${esc(t.target)}"><p><b>${esc(t.target)}</b>: ` +
      (r ? `last ${esc(r.command)} <span class="s-${esc(r.status)}">${esc(r.status)}</span> at ${esc(r.started_at.slice(0, 19))} (${counts})` : "nothing built yet") +
      (t.freshness_checked_at ? `; freshness checked ${esc(t.freshness_checked_at.slice(0, 19))}` : "") + "</p>" +
      (problems || '<p class="muted">Nothing failed, late or anomalous.</p>') + "</div>";
  }).join("");
}
function overview() {
  const kinds = {};
  for (const n of Object.values(N)) kinds[n.kind] = (kinds[n.kind] || 0) + 1;
  const runs = D.runs.map((r) => `<tr><td>${r.run}</td><td>${esc(r.command)}</td><td>${esc(r.target)}</td><td>${when(r.started_at)}</td><td>${r.elapsed}s</td><td class="s-${esc(r.status)}">${esc(r.status)}</td></tr>`).join("");
  const status = statusSection();
  $("#main").innerHTML = `<h2>${esc(D.project)}</h2><p class="muted">${Object.entries(kinds).map(([k, v]) => v + " " + k + (v > 1 ? "s" : "")).join(", ")}. Pick a node on the left or search.</p>` +
    (status ? `<h3>Status</h3><div id="status">${status}</div>` : "") +
    "<h3>Runs</h3>" + (runs ? `<table><tr><th>run</th><th>command</th><th>target</th><th>started (UTC)</th><th>took</th><th>status</th></tr>${runs}</table>`
      : '<p class="muted">No run recorded yet (datanet build writes .datanet/state.db).</p>');
}
function badges(n) {
  const last = n.history[n.history.length - 1];
  const out = [];
  if (last) out.push(`<span class="badge">last run <span class="s-${esc(last.status)}">${esc(last.status)}</span> ${when(last.at)}</span>`);
  if (n.freshness) out.push(`<span class="badge" id="freshness">freshness <span class="s-${esc(n.freshness.status)}">${esc(n.freshness.status)}</span>: ${esc(n.freshness.message)}</span>`);
  if (n.alerts.length) out.push(`<span class="badge">${n.alerts.length} anomaly alert${n.alerts.length > 1 ? "s" : ""}, latest run ${n.alerts[n.alerts.length - 1].run}</span>`);
  return out.length ? `<p>${out.join("")}</p>` : "";
}
function show(id) {
  const n = N[id];
  if (!n) return overview();
  current = id;
  const cols = n.columns.map((c) => `<tr class="col" data-col="${esc(c.name)}"><td>${esc(c.name)}</td><td>${esc(c.type)}</td>` +
    `<td>${c.semantic ? `<span class="sem">${esc(c.semantic)}</span>` : ""} ${c.pii ? '<span class="pii">PII</span>' : ""}</td><td>${esc(c.description || "")}</td></tr>`).join("");
  const tests = n.tests.map((t) => `<tr><td>${esc(t.test || t.name)}</td><td>${esc(t.column || "")}</td><td class="s-${esc(t.status || "")}">${esc(t.status || "not run")}</td><td>${when(t.at)}</td><td>${esc(t.message || "")}</td></tr>`).join("");
  $("#main").innerHTML = `<h2><span class="kind k-${n.kind}">${n.kind}</span>${esc(n.name)}</h2>` +
    `<div class="muted">${esc(n.relation || "")} ${n.materialized ? "· " + esc(n.materialized) : ""} · ${esc(n.path)}</div>` +
    badges(n) + `<p>${esc(n.description) || '<span class="muted">No description.</span>'}</p>` +
    `<h3>Lineage</h3><p class="muted">Click a column (in the graph or the table) for its upstream and downstream columns.</p><div id="graphbox"></div>` +
    `<h3>Columns</h3><table><tr><th>name</th><th>type</th><th>meaning</th><th>description</th></tr>${cols}</table>` +
    `<div id="colpanel"></div>` +
    `<h3>Run history</h3>${historyCharts(n)}` +
    `<h3>Tests</h3>${tests ? `<table><tr><th>test</th><th>column</th><th>last result</th><th>at (UTC)</th><th>message</th></tr>${tests}</table>` : '<p class="muted">No tests.</p>'}` +
    `<div id="sqlbox">${sqlSection(id)}</div>`;
  $("#graphbox").appendChild(drawGraph(id, null));
  drawList();
}
// the compiled SQL is a second script (datanet_docs_sql.js), loaded once the first page is
// drawn: half the bytes of a large project's data, needed by no first view
function sqlSection(id) {
  if (!window.DATANET_SQL) return N[id].kind === "model" ? '<p class="muted">Loading the compiled SQL\u2026</p>' : "";
  const sql = window.DATANET_SQL[id];
  return sql ? `<h3>Compiled SQL</h3><pre>${esc(sql)}</pre>` : "";
}
function loadSql() {
  const script = document.createElement("script");
  script.src = "datanet_docs_sql.js";
  script.onload = () => { if (current && $("#sqlbox")) $("#sqlbox").innerHTML = sqlSection(current); };
  document.body.appendChild(script);
}
function columnList(listId, found) {
  const more = found.length > LIST_MAX ? `<li class="muted">${found.length - LIST_MAX} more</li>` : "";
  const items = found.slice(0, LIST_MAX).map((u) => `<li data-ref="${esc(u.node)}.${esc(u.column)}" data-id="${esc(u.node)}" style="margin-left:${(u.depth - 1) * 16}px">` +
    `${esc((N[u.node] || {name: u.node}).name)}.<b>${esc(u.column)}</b> <span class="muted">${esc(((COLS[u.node] || {})[u.column] || {}).type || "")}</span></li>`).join("");
  return items ? `<ul id="${listId}">${items}${more}</ul>` : `<p class="muted" id="${listId}">None.</p>`;
}
function pickColumn(node, name) {
  const sel = columnSelection(node, name);
  document.querySelectorAll("tr.col").forEach((tr) => tr.classList.toggle("on", node === current && tr.dataset.col === name));
  const graph = drawGraph(current, sel), left = Number(graph.dataset.left);
  $("#graphbox").replaceChildren(graph);
  if (left) $("#graphbox").insertAdjacentHTML("beforeend", `<p class="muted" id="graphcut">${left} more models this column reaches are not drawn (the nearest ${REACHED_MAX} are); every column is listed below.</p>`);
  const label = `${esc(N[node].name)}.${esc(name)}`;
  $("#colpanel").innerHTML = `<h3>Upstream of ${label}</h3>` +
    (sel.up.found.length ? columnList("upstream", sel.up.found) : '<p class="muted" id="upstream">No upstream column (a source column or a constant).</p>') +
    `<h3>Downstream of ${label}</h3>` + columnList("downstream", sel.down.found);
}
function route() {
  const m = location.hash.match(/^#n=(.*)$/);
  if (m) show(decodeURIComponent(m[1])); else { current = null; overview(); drawList(); }
}
$("#title").textContent = D.project + " docs";
window.addEventListener("hashchange", route);
route();
// for the benchmark and the browser test: when the data had run and the first page was drawn
performance.measure("datanet:first-render", {start: STARTED, end: performance.now()});
loadSql();
