// The citation chain on a time axis, drawn as SVG by this script (no library).
// x is the date of adoption; y is a lane for each body, treaties and documents. In each lane,
// nodes are packed into rows, most important first (the root, then the most connected), each
// with its label to its right; a node is placed only where its mark and label overlap nothing,
// so no two labels ever overlap. What does not fit in a lane's labelled rows is drawn without a
// label (several of one year become one box that opens on a click), and listed in the tree.
"use strict";

const LANES = [
  ["SC", "Security Council"], ["GA", "General Assembly"], ["ECOSOC", "ECOSOC"],
  ["other", "Other bodies"], ["treaty", "Treaties"], ["document", "Documents"],
];
const BODY_COLOURS = { SC: "#c0392b", GA: "#1f5fbf", ECOSOC: "#1e8449", other: "#7f8c8d", treaty: "#8e44ad", document: "#b59f5b" };
const FUNCTION_STYLES = {  // colour and dash of the main function of a citing pair
  recalling: ["#34495e", ""], reaffirming: ["#2c3e50", "6 3"], welcoming: ["#27ae60", ""],
  "taking-note": ["#95a5a6", "2 3"], "noting-with-appreciation": ["#16a085", "2 3"], "acting-under": ["#8e44ad", ""],
  urging: ["#d35400", "6 3"], requesting: ["#e67e22", "2 3"], "calling-upon": ["#e67e22", "6 3"],
  encouraging: ["#f39c12", "2 3"], "bearing-in-mind": ["#7f8c8d", "6 3"], noting: ["#7f8c8d", "2 3"],
  deploring: ["#c0392b", "2 3"], condemning: ["#c0392b", ""], expressing: ["#5d6d7e", "2 3"],
  considering: ["#5d6d7e", "6 3"], emphasizing: ["#2e86c1", "2 3"], deciding: ["#7d3c98", "6 3"],
};
const OTHER_FUNCTION = ["#aab2b7", ""];
const NO_DATE = "no date";
const FONT = "12px DejaVu Sans, Arial, Helvetica, sans-serif";  // labels: 12 px at 100%
const GEOMETRY = {
  gutter: 160, top: 40, bottom: 36, right: 24, lanePad: 8, laneGap: 10,
  labelRow: 22, dotRow: 13, radius: 6, rootRadius: 9, dotRadius: 4,
  labelRows: 20, minYear: 14, maxYear: 240, minTick: 52,
};

const view = document.getElementById("view");
const canvas = document.getElementById("canvas");
const status = document.getElementById("status");
const $ = (id) => document.getElementById(id);
let chain = null;          // the API's answer
let expanded = new Set();  // aggregate boxes opened by a click, by lane and year
let zoom = 1;

const escape = (text) => String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
const laneOf = (d) => (d.kind === "resolution" ? (["SC", "GA", "ECOSOC"].includes(d.body) ? d.body : "other") : d.kind);
const styleOf = (fn) => FUNCTION_STYLES[fn] || OTHER_FUNCTION;
const words = (fn) => fn.replace(/-/g, " ");

function timeOf(date) {
  if (!date) return null;
  const [y, m, d] = date.split("-").map(Number);
  return y + ((m || 1) - 1) / 12 + ((d || 1) - 1) / 365;
}

const measure = (() => {  // the width of a label as the browser will draw it
  const plain = document.createElement("canvas").getContext("2d");
  const bold = document.createElement("canvas").getContext("2d");
  plain.font = FONT;
  bold.font = `bold ${FONT}`;
  return (text, strong = false) => Math.ceil((strong ? bold : plain).measureText(text).width);
})();

// ---- layout -----------------------------------------------------------------------------

function scaleFor(nodes, width) {
  const times = nodes.map((n) => timeOf(n.date)).filter((t) => t !== null);
  const first = times.length ? Math.floor(Math.min(...times)) : 2000;
  const last = times.length ? Math.floor(Math.max(...times)) + 1 : 2001;
  const perYear = Math.min(GEOMETRY.maxYear, Math.max(GEOMETRY.minYear, width / (last - first + 1)));
  // The undated, if any, in a column after the last year (beside the chain's resolution, which
  // a wide chain opens scrolled to), wide enough for its "no date" heading.
  const undated = nodes.some((n) => !n.date) ? Math.max(perYear, measure(NO_DATE) + GEOMETRY.minTick) : 0;
  const origin = GEOMETRY.gutter;
  const undatedAt = origin + (last - first) * perYear + undated / 2;
  return { first, last, perYear, undated, undatedAt, x: (date) => (date ? origin + (timeOf(date) - first) * perYear : undatedAt) };
}

function importance(nodes, edges) {
  const degree = new Map(nodes.map((n) => [n.id, 0]));
  for (const e of edges) {
    degree.set(e.source, degree.get(e.source) + 1);
    degree.set(e.target, degree.get(e.target) + 1);
  }
  return (a, b) => (b.root - a.root) || (expandedOf(b) - expandedOf(a)) || (degree.get(b.id) - degree.get(a.id)) || (a.date < b.date ? -1 : 1);
}

const bucketOf = (n) => `${laneOf(n)} ${n.date ? n.date.slice(0, 4) : "undated"}`;
const expandedOf = (n) => (expanded.has(bucketOf(n)) ? 1 : 0);

// Rows of one lane: each row a list of [start, end] intervals, kept sorted.
function fits(row, start, end) {
  let low = 0, high = row.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (row[mid][1] < start) low = mid + 1; else high = mid;
  }
  return low === row.length || row[low][0] > end;
}

function take(row, start, end) {
  let at = row.findIndex((interval) => interval[0] > end);
  if (at < 0) at = row.length;
  row.splice(at, 0, [start, end]);
}

function placeLane(members, scale) {
  const rows = [], dotRows = [], placed = [], left = new Map();
  for (const n of members) {
    const x = scale.x(n.date);
    const r = n.root ? GEOMETRY.rootRadius : GEOMETRY.radius;
    const width = measure(n.label, n.root);
    const sides = [["right", x - r - 3, x + r + 4 + width + 8], ["left", x - r - 4 - width - 8, x + r + 3]]
      .filter(([, start]) => start >= GEOMETRY.gutter - r - 3);  // a label never runs into the lane titles
    const limit = expandedOf(n) ? Infinity : GEOMETRY.labelRows;
    let row = -1, side = null;
    for (let i = 0; i < rows.length && row < 0; i += 1) {
      side = sides.find(([, start, end]) => fits(rows[i], start, end));
      if (side) row = i;
    }
    if (row < 0 && rows.length < limit) { row = rows.push([]) - 1; side = sides[0]; }
    if (row >= 0) {
      take(rows[row], side[1], side[2]);
      placed.push({ node: n, x, row, r, side: side[0], labelled: true });
    } else {
      const bucket = bucketOf(n);
      left.set(bucket, [...(left.get(bucket) || []), n]);
    }
  }
  for (const [bucket, nodes] of left) {
    const x = scale.x(nodes[0].date && `${nodes[0].date.slice(0, 4)}-07-01`);
    const single = nodes.length === 1;
    const half = single ? GEOMETRY.dotRadius + 1 : measure(String(nodes.length)) / 2 + 5;
    const at = single ? scale.x(nodes[0].date) : x;
    let row = dotRows.findIndex((taken) => fits(taken, at - half - 2, at + half + 2));
    if (row < 0) row = dotRows.push([]) - 1;
    take(dotRows[row], at - half - 2, at + half + 2);
    placed.push(single ? { node: nodes[0], x: at, dotRow: row, r: GEOMETRY.dotRadius, labelled: false }
      : { bucket, members: nodes, x: at, dotRow: row, half, labelled: false });
  }
  return { placed, rows: rows.length, dotRows: dotRows.length };
}

function layout(data) {
  const nodes = data.elements.nodes.map((n) => n.data);
  const edges = data.elements.edges.map((e) => e.data);
  const scale = scaleFor(nodes, Math.max(600, view.clientWidth - GEOMETRY.gutter - 180));
  const order = importance(nodes, edges);
  const lanes = [];
  let y = GEOMETRY.top;
  for (const [key, title] of LANES) {
    const members = nodes.filter((n) => laneOf(n) === key).sort(order);
    if (!members.length) continue;
    const lane = { key, title, y, ...placeLane(members, scale) };
    const rowsTop = y + GEOMETRY.lanePad;
    const dotsTop = rowsTop + lane.rows * GEOMETRY.labelRow;
    for (const p of lane.placed) {
      p.y = p.row !== undefined ? rowsTop + (p.row + 0.5) * GEOMETRY.labelRow : dotsTop + (p.dotRow + 0.5) * GEOMETRY.dotRow;
    }
    lane.height = Math.max(GEOMETRY.labelRow, lane.rows * GEOMETRY.labelRow + lane.dotRows * GEOMETRY.dotRow) + 2 * GEOMETRY.lanePad;
    y += lane.height + GEOMETRY.laneGap;
    lanes.push(lane);
  }
  const where = new Map();  // node id -> what it is drawn as (itself, or the box standing for its year)
  for (const lane of lanes) for (const p of lane.placed) for (const n of p.members || [p.node]) where.set(n.id, p);
  const widest = Math.max(0, ...lanes.flatMap((l) => l.placed.map((p) => (p.labelled ? p.x + p.r + 12 + measure(p.node.label, p.node.root) : p.x + 20))));
  const width = Math.max(widest, scale.x(`${scale.last}-01-01`) + scale.undated) + GEOMETRY.right;
  return { nodes, edges, scale, lanes, where, width, height: y + GEOMETRY.bottom };
}

// ---- drawing ----------------------------------------------------------------------------

function mark(kind, x, y, r, colour, extra = "") {
  if (kind === "treaty") {
    const points = [0, 1, 2, 3, 4, 5].map((i) => `${(x + r * Math.cos((Math.PI / 3) * i)).toFixed(1)},${(y + r * Math.sin((Math.PI / 3) * i)).toFixed(1)}`);
    return `<polygon class="mark" points="${points.join(" ")}" fill="${colour}" ${extra}/>`;
  }
  if (kind === "document") return `<rect class="mark" x="${x - r}" y="${y - r}" width="${2 * r}" height="${2 * r}" rx="2" fill="${colour}" ${extra}/>`;
  return `<circle class="mark" cx="${x}" cy="${y}" r="${r}" fill="${colour}" ${extra}/>`;
}

function axis(drawn, y, below) {
  const { scale } = drawn;
  const step = [1, 2, 5, 10, 20, 25, 50, 100].find((s) => s * scale.perYear >= GEOMETRY.minTick) || 100;
  const parts = [];
  for (let year = Math.ceil(scale.first / step) * step; year <= scale.last; year += step) {
    const x = scale.x(`${year}-01-01`);
    parts.push(`<line class="tick" x1="${x}" x2="${x}" y1="${y}" y2="${y + (below ? 5 : -5)}"/>`);
    parts.push(`<text class="label year" x="${x}" y="${below ? y + 18 : y - 9}" text-anchor="middle">${year}</text>`);
    if (!below) parts.push(`<line class="grid" x1="${x}" x2="${x}" y1="${y}" y2="${drawn.height - GEOMETRY.bottom}"/>`);
  }
  if (scale.undated) parts.push(`<text class="label year" x="${scale.undatedAt}" y="${below ? y + 18 : y - 9}" text-anchor="middle">${NO_DATE}</text>`);
  return `<g class="axis"><line x1="${GEOMETRY.gutter}" x2="${drawn.width}" y1="${y}" y2="${y}"/>${parts.join("")}</g>`;
}

function edgePaths(drawn) {
  const labels = new Map(drawn.nodes.map((n) => [n.id, n.label]));
  const symbol = (id) => labels.get(id);
  const pairs = new Map();  // one path for each drawn pair, carrying the citing pairs it stands for
  for (const e of drawn.edges) {
    const from = drawn.where.get(e.source), to = drawn.where.get(e.target);
    if (!from || !to || from === to) continue;
    const key = `${from.x},${from.y}>${to.x},${to.y}`;
    if (!pairs.has(key)) pairs.set(key, { from, to, edges: [] });
    pairs.get(key).edges.push(e);
  }
  const light = drawn.edges.length > 150;
  return [...pairs.values()].map(({ from, to, edges }) => {
    const [colour, dash] = styleOf(edges[0].function);
    const bend = Math.max(24, Math.abs(from.x - to.x) / 2);
    const d = `M${from.x},${from.y} C${from.x - bend},${from.y} ${to.x + bend},${to.y} ${to.x},${to.y}`;
    const tip = edges.map((e) => `${symbol(e.source)} → ${symbol(e.target)}: ${e.functions.map(words).join(", ")} (${e.paragraphs.join(", ")})`).join("\n");
    const ids = edges.map((e) => e.id).join("\n");
    return `<path class="edge${light ? " light" : ""}" d="${d}" stroke="${colour}" ${dash ? `stroke-dasharray="${dash}"` : ""} marker-end="url(#arrow)" data-edges="${escape(ids)}" data-href="${escape(edges[0].href)}"><title>${escape(tip)}</title></path>`;
  }).join("");
}

function nodeGroup(p) {
  if (p.members) {
    const h = GEOMETRY.dotRow / 2 - 0.5;
    const tip = `${p.members.length} in ${p.bucket.split(" ")[1]}: ${p.members.map((n) => n.label).join(", ")} (click to open)`;
    return `<g class="node aggregate" data-bucket="${escape(p.bucket)}" data-members="${escape(p.members.map((n) => n.id).join("\n"))}">` +
      `<rect class="mark" x="${p.x - p.half}" y="${p.y - h}" width="${2 * p.half}" height="${2 * h}" rx="3"/>` +
      `<text class="count" x="${p.x}" y="${p.y + 3.5}" text-anchor="middle">${p.members.length}</text><title>${escape(tip)}</title></g>`;
  }
  const n = p.node;
  const tip = [n.label, n.date, n.title, n.kind === "resolution" ? "" : n.kind].filter(Boolean).join(" · ");
  const ring = n.root ? 'stroke="#f1c40f" stroke-width="3"' : "";
  const left = p.side === "left";
  const label = p.labelled ? `<text class="label" x="${left ? p.x - p.r - 4 : p.x + p.r + 4}" y="${p.y + 4}"${left ? ' text-anchor="end"' : ""}>${escape(n.label)}</text>` : "";
  return `<g class="node${n.root ? " root" : ""}" data-id="${escape(n.id)}" data-date="${n.date}" data-href="${escape(n.href)}">` +
    `${mark(n.kind, p.x, p.y, p.r, BODY_COLOURS[laneOf(n)], ring)}${label}<title>${escape(tip)}</title></g>`;
}

const SVG_STYLE = `
  text { font: ${FONT}; fill: #1b1b1b; }
  .label { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
  .root .label { font-weight: bold; }
  .lane-title { font-weight: bold; fill: #333; }
  .lane { fill: #f6f7f9; }
  .axis line, .tick { stroke: #666; } .grid { stroke: #e3e6ea; }
  .edge { fill: none; stroke-width: 1.4; opacity: .6; } .edge.light { opacity: .22; stroke-width: 1; }
  .mark { stroke: #333; stroke-width: 1; } .aggregate .mark { fill: #d5d8dc; }
  .count { font-size: 10px; fill: #333; pointer-events: none; }
  .dim { opacity: .15; } .hit .mark { stroke: #f39c12; stroke-width: 3; } path.hit { opacity: 1; stroke-width: 3; }
`;

function draw(data) {
  const drawn = layout(data);
  const lanes = drawn.lanes.map((l) =>
    `<rect class="lane" x="0" y="${l.y}" width="${drawn.width}" height="${l.height}"/>` +
    `<text class="label lane-title" x="8" y="${l.y + GEOMETRY.lanePad + GEOMETRY.labelRow / 2 + 4}">${l.title}</text>`).join("");
  const nodes = drawn.lanes.flatMap((l) => l.placed).map(nodeGroup).join("");
  canvas.innerHTML =
    `<svg id="chart" xmlns="http://www.w3.org/2000/svg" width="${drawn.width}" height="${drawn.height}" viewBox="0 0 ${drawn.width} ${drawn.height}">` +
    `<style>${SVG_STYLE}</style><defs><marker id="arrow" viewBox="0 0 8 8" refX="14" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L8,4 L0,8 z" fill="#555"/></marker></defs>` +
    `<rect width="100%" height="100%" fill="#fff"/>${lanes}${axis(drawn, GEOMETRY.top - 4, false)}${axis(drawn, drawn.height - GEOMETRY.bottom + 4, true)}` +
    `<g class="edges">${edgePaths(drawn)}</g><g class="nodes">${nodes}</g></svg>`;
  applyZoom();
  return drawn;
}

// ---- the panel: legend and tree ---------------------------------------------------------

function legend(data) {
  const kinds = [...new Set(data.elements.nodes.map((n) => laneOf(n.data)))];
  const swatch = (key) => `<svg width="16" height="16">${mark(key === "treaty" || key === "document" ? key : "resolution", 8, 8, 6, BODY_COLOURS[key], 'stroke="#333"')}</svg>`;
  const bodies = LANES.filter(([key]) => kinds.includes(key)).map(([key, title]) => `<li>${swatch(key)}${title}</li>`);
  const used = [...new Set(data.elements.edges.map((e) => e.data.function))].sort();
  const lines = used.map((fn) => {
    const [colour, dash] = styleOf(fn);
    return `<li><svg width="34" height="10"><line x1="1" x2="33" y1="5" y2="5" stroke="${colour}" stroke-width="2" stroke-dasharray="${dash}"/></svg>${words(fn)}</li>`;
  });
  $("legend").innerHTML = [...bodies, '<li><svg width="16" height="16"><circle cx="8" cy="8" r="6" fill="#ccc" stroke="#f1c40f" stroke-width="3"/></svg>this chain\'s resolution</li>', ...lines].join("");
}

function tree(data) {
  const byId = new Map(data.elements.nodes.map((n) => [n.data.id, n.data]));
  $("tree").innerHTML = data.tree.map((row) => {
    const n = byId.get(row.node);
    const verb = row.branch ? `<span class="verb">${row.cited_by ? "cited by: " : ""}${row.functions.map(words).join(", ")}</span> <span class="paragraphs">(${row.paragraphs.join(", ")})</span> ` : "";
    return `<li data-id="${escape(row.node)}"><span class="branch">${row.branch}</span>${verb}<a href="${escape(n.href)}">${escape(n.label)}</a> <time>${n.date}</time>${n.title ? ` <span class="title">${escape(n.title)}</span>` : ""}${row.repeated ? " <span class=\"repeated\">(see above)</span>" : ""}</li>`;
  }).join("");
  $("symbols").innerHTML = [...byId.values()].map((n) => `<option value="${escape(n.label)}">`).join("");
}

// ---- controls ---------------------------------------------------------------------------

function checkboxes(id, values, chosen, label) {
  const box = $(id);
  const title = box.querySelector("legend").outerHTML;
  box.innerHTML = title + values.map((v) => `<label><input type="checkbox" value="${escape(v)}"${chosen === null || chosen.includes(v) ? " checked" : ""}> ${escape(label(v))}</label>`).join("");
  box.hidden = values.length === 0;  // nothing to choose: no empty box
}

function checked(id) {
  const boxes = [...$(id).querySelectorAll("input")];
  const on = boxes.filter((b) => b.checked).map((b) => b.value);
  return on.length === boxes.length ? null : on;  // null: no filter
}

function parameters(chosen) {
  const p = new URLSearchParams({ depth: $("depth").value, direction: $("direction").value });
  for (const [name, id] of [["function", "functions"], ["body", "bodies"]]) {
    const on = chosen ? chosen[name] : checked(id);
    if (on !== null) p.set(name, on.length ? on.join(",") : "none");
  }
  for (const id of ["since", "until"]) if ($(id).value) p.set(id, $(id).value);
  if ($("only-resolutions").checked) p.set("only", "resolutions");
  return p;
}

function filtered() {  // a filter of the form narrows the chain
  const p = parameters();
  return ["function", "body", "since", "until", "only"].some((name) => p.has(name));
}

function fromUrl() {
  const p = new URLSearchParams(window.location.search);
  for (const id of ["since", "until"]) if (p.get(id)) $(id).value = p.get(id);
  $("only-resolutions").checked = p.get("only") === "resolutions";
  return { function: p.get("function") ? p.get("function").split(",") : null, body: p.get("body") ? p.get("body").split(",") : null };
}

async function load(chosen) {
  view.dataset.ready = "false";
  status.textContent = "loading…";
  const asked = parameters(chosen);
  const api = `/api/chains/${view.dataset.path}?${asked}`;
  const response = await fetch(`${api}&view=true`);
  if (!response.ok) {
    status.textContent = (await response.text()).trim();
    view.dataset.ready = "error";
    return;
  }
  chain = await response.json();
  const choose = chosen || { function: checked("functions"), body: checked("bodies") };
  checkboxes("functions", chain.choices.functions, choose.function, words);
  checkboxes("bodies", chain.choices.bodies, choose.body, (b) => (LANES.find(([k]) => k === b) || [b, b])[1]);
  expanded = new Set();
  zoom = 1;
  render();
  openInSight();
  history.replaceState(null, "", `?${asked}`);
  $("downloads").innerHTML = ["graphml", "gexf", "json", "dot"].map((f) => `<a href="${api}&format=${f}" download>${f === "json" ? "Cytoscape JSON" : f.toUpperCase()}</a>`).join(" ");
}

function render() {
  const drawn = draw(chain);
  legend(chain);
  tree(chain);
  const shown = drawn.lanes.flatMap((l) => l.placed);
  view.dataset.nodes = String(chain.elements.nodes.length);
  view.dataset.edges = String(chain.elements.edges.length);
  view.dataset.unlabelled = String(shown.filter((p) => !p.labelled).reduce((sum, p) => sum + (p.members ? p.members.length : 1), 0));
  const alone = { back: "it cites nothing the store knows", forward: "nothing in the store cites it", both: "it cites nothing, and nothing cites it" };
  status.textContent = `${chain.elements.nodes.length} nodes, ${chain.elements.edges.length} citing pairs` +
    (view.dataset.unlabelled !== "0" ? ` (${view.dataset.unlabelled} without a label: see the tree)` : "") +
    (chain.elements.edges.length === 0 ? `: ${filtered() ? "no citing pair is left with these filters" : alone[$("direction").value] || alone.both}` : "");
  view.dataset.ready = "true";
}

// A chain a little wider than the view opens fitted to it, every lane and column in sight, when
// its labels stay 9 px or more; a wider one opens at 100%, scrolled to its resolution.
const FIT_AT_LEAST = 9 / 12;

function openInSight() {
  const [, , width] = $("chart").getAttribute("viewBox").split(" ").map(Number);
  if ((canvas.clientWidth - 4) / width >= FIT_AT_LEAST) {
    zoom = "fit";
    applyZoom();
  } else {
    showRoot();
  }
}

function showRoot() {  // the chain's resolution in sight: a wide chain starts scrolled to it
  const root = canvas.querySelector(".node.root .mark");
  if (!root) return;
  const box = root.getBoundingClientRect(), frame = canvas.getBoundingClientRect();
  if (box.left >= frame.left && box.right <= frame.right - 40) return;  // in sight: the lane titles stay too
  canvas.scrollLeft += box.left + box.width / 2 - (frame.left + frame.width / 2);
}

function applyZoom() {
  const svg = $("chart");
  if (!svg) return;
  const [, , w, h] = svg.getAttribute("viewBox").split(" ").map(Number);
  const factor = zoom === "fit" ? Math.min(1, (canvas.clientWidth - 4) / w) : zoom;
  svg.setAttribute("width", String(w * factor));
  svg.setAttribute("height", String(h * factor));
}

function highlight(ids, edgeIds = new Set()) {
  for (const g of canvas.querySelectorAll(".node")) {
    const members = g.dataset.id ? [g.dataset.id] : g.dataset.members.split("\n");
    const hit = members.some((id) => ids.has(id));
    g.classList.toggle("hit", ids.size > 0 && hit);
    g.classList.toggle("dim", ids.size > 0 && !hit);
  }
  for (const path of canvas.querySelectorAll(".edge")) {
    const hit = path.dataset.edges.split("\n").some((id) => edgeIds.has(id));
    path.classList.toggle("hit", hit);
    path.classList.toggle("dim", ids.size > 0 && !hit);
  }
}

function reveal(ids) {  // open the boxes that hide any of these nodes, then highlight them
  const before = expanded.size;
  for (const n of chain.elements.nodes) if (ids.has(n.data.id)) expanded.add(bucketOf(n.data));
  if (expanded.size !== before) render();
}

function find() {
  const text = $("find").value.trim().toLowerCase();
  if (!text) return highlight(new Set());
  const ids = new Set(chain.elements.nodes.map((n) => n.data).filter((d) => `${d.label} ${d.title}`.toLowerCase().includes(text)).map((d) => d.id));
  reveal(ids);
  highlight(ids);
  status.textContent = `${ids.size} found for “${$("find").value.trim()}”`;
  const first = canvas.querySelector(".node.hit");
  if (first) first.scrollIntoView({ block: "nearest", inline: "nearest" });
}

function shortestPath(from, to) {  // breadth first over the citations, either way
  const next = new Map();
  for (const e of chain.elements.edges) {
    for (const [a, b] of [[e.data.source, e.data.target], [e.data.target, e.data.source]]) {
      if (!next.has(a)) next.set(a, []);
      next.get(a).push([b, e.data.id]);
    }
  }
  const back = new Map([[from, null]]);
  const queue = [from];
  while (queue.length) {
    const node = queue.shift();
    if (node === to) break;
    for (const [other, edge] of next.get(node) || []) if (!back.has(other)) { back.set(other, [node, edge]); queue.push(other); }
  }
  if (!back.has(to)) return null;
  const nodes = [to], edges = [];
  for (let step = back.get(to); step; step = back.get(step[0])) { nodes.push(step[0]); edges.push(step[1]); }
  return { nodes: nodes.reverse(), edges };
}

function highlightPath() {
  const byLabel = (text) => chain.elements.nodes.find((n) => n.data.label.toLowerCase() === text.trim().toLowerCase());
  const from = byLabel($("path-from").value), to = byLabel($("path-to").value);
  if (!from || !to) { status.textContent = "choose two nodes of this chain (the list offers them)"; return; }
  const path = shortestPath(from.data.id, to.data.id);
  if (!path) { status.textContent = "no path links them in this chain"; return highlight(new Set()); }
  reveal(new Set(path.nodes));
  highlight(new Set(path.nodes), new Set(path.edges));
  const label = (id) => chain.elements.nodes.find((n) => n.data.id === id).data.label;
  status.textContent = `path of ${path.edges.length} citation${path.edges.length === 1 ? "" : "s"}: ${path.nodes.map(label).join(" – ")}`;
}

function download(name, blob) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

function svgText() {
  return new XMLSerializer().serializeToString($("chart"));
}

function savePng() {
  const svg = $("chart");
  const image = new Image();
  image.onload = () => {
    const scale = 2;
    const picture = document.createElement("canvas");
    picture.width = svg.viewBox.baseVal.width * scale;
    picture.height = svg.viewBox.baseVal.height * scale;
    const context = picture.getContext("2d");
    context.scale(scale, scale);
    context.drawImage(image, 0, 0);
    picture.toBlob((blob) => download(`${fileName()}.png`, blob), "image/png");
  };
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText())}`;
}

const fileName = () => `chain-${decodeURIComponent(view.dataset.path).replace(/[^\w-]+/g, "_")}`;

canvas.addEventListener("click", (event) => {
  const box = event.target.closest(".aggregate");
  if (box) { expanded.add(box.dataset.bucket); render(); return; }
  const target = event.target.closest("[data-href]");
  if (target) window.location.href = target.dataset.href;
});
$("tree").addEventListener("mouseover", (event) => {
  const row = event.target.closest("li");
  if (row) highlight(new Set([row.dataset.id]));
});
$("tree").addEventListener("mouseleave", () => highlight(new Set()));
$("controls").addEventListener("submit", (event) => { event.preventDefault(); load(); });
$("controls").addEventListener("change", (event) => {
  if (event.target.type === "checkbox" || ["since", "until", "direction"].includes(event.target.id)) load();
});
$("find").addEventListener("input", find);
$("path").addEventListener("click", highlightPath);
$("go").addEventListener("click", () => {
  const symbol = $("jump").value.trim();
  if (symbol) window.location.href = `/chains/${encodeURIComponent(symbol).replace(/%2F/g, "/")}?depth=${$("depth").value}&direction=${$("direction").value}`;
});
$("zoom-fit").addEventListener("click", () => { zoom = "fit"; applyZoom(); });
$("zoom-actual").addEventListener("click", () => { zoom = 1; applyZoom(); });
$("save-svg").addEventListener("click", () => download(`${fileName()}.svg`, new Blob([svgText()], { type: "image/svg+xml" })));
$("save-png").addEventListener("click", savePng);
load(fromUrl());
