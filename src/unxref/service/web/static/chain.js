// The interactive citation chain: Cytoscape.js with the dagre layered layout,
// both served from node_modules (installed from npm), nothing from a CDN.
"use strict";

const BODY_COLOURS = { GA: "#1f5fbf", SC: "#c0392b", ECOSOC: "#1e8449" };
const FUNCTION_STYLES = {
  recalling: ["#34495e", "solid"],
  reaffirming: ["#2c3e50", "dashed"],
  welcoming: ["#27ae60", "solid"],
  "taking-note": ["#95a5a6", "dotted"],
  "noting-with-appreciation": ["#16a085", "dotted"],
  "acting-under": ["#8e44ad", "solid"],
  urging: ["#d35400", "dashed"],
  requesting: ["#e67e22", "dotted"],
  "calling-upon": ["#e67e22", "dashed"],
  encouraging: ["#f39c12", "dotted"],
  "bearing-in-mind": ["#7f8c8d", "dashed"],
  noting: ["#7f8c8d", "dotted"],
  deploring: ["#c0392b", "dotted"],
  condemning: ["#c0392b", "solid"],
  expressing: ["#5d6d7e", "dotted"],
  considering: ["#5d6d7e", "dashed"],
  emphasizing: ["#2e86c1", "dotted"],
};
const OTHER_FUNCTION = ["#bdc3c7", "solid"];
// Above this many nodes the layered (dagre) layout takes too long to be interactive:
// nodes are placed by date instead, one column per year, in a preset layout.
const LAYERED_UP_TO = 300;

const container = document.getElementById("cy");
const status = document.getElementById("status");
const tooltip = document.getElementById("tooltip");
const form = document.getElementById("controls");
let cy = null;

function nodeColour(node) {
  if (node.data("kind") === "treaty") return "#8e44ad";
  if (node.data("kind") === "document") return "#f5f0e1";
  return BODY_COLOURS[node.data("body")] || "#7f8c8d";
}

function functionStyle(edge) {
  return FUNCTION_STYLES[edge.data("function")] || OTHER_FUNCTION;
}

function legend(elements) {
  const used = [...new Set(elements.edges.map((e) => e.data.function))].sort();
  document.getElementById("functions").innerHTML = used
    .map((f) => {
      const [colour, style] = FUNCTION_STYLES[f] || OTHER_FUNCTION;
      return `<li><span class="line" style="border-top: 3px ${style} ${colour}"></span>${f.replace(/-/g, " ")}</li>`;
    })
    .join("");
}

function yearOf(node) {
  const date = node.data.date;
  return date ? Number(date.slice(0, 4)) + (Number(date.slice(5, 7)) - 1) / 12 : null;
}

function byDate(elements) {
  const years = elements.nodes.map(yearOf).filter((y) => y !== null);
  const undated = years.length ? Math.min(...years) - 3 : 0;
  const columns = new Map();
  for (const node of elements.nodes) {
    const year = yearOf(node);
    const column = Math.round((year === null ? undated : year) * 4) / 4;
    const row = columns.get(column) || 0;
    columns.set(column, row + 1);
    node.position = { x: column * 120, y: row * 40 };
  }
  return { name: "preset" };
}

function draw(data) {
  const elements = data.elements;
  const asked = new URLSearchParams(window.location.search).get("layout");  // "dates" or "layered"
  const large = asked ? asked === "dates" : elements.nodes.length > LAYERED_UP_TO;
  const layout = large ? byDate(elements) : { name: "dagre", rankDir: "RL", nodeSep: 12, rankSep: 70, animate: false };
  legend(elements);
  if (cy) cy.destroy();
  cy = cytoscape({
    container,
    elements,
    wheelSensitivity: 0.3,
    textureOnViewport: large,
    hideEdgesOnViewport: large,
    pixelRatio: large ? 1 : "auto",
    style: [
      { selector: "node", style: {
          "background-color": nodeColour, label: "data(label)", "font-size": 10, "text-valign": "bottom",
          "text-margin-y": 3, width: 18, height: 18, "border-width": 1, "border-color": "#555" } },
      { selector: "node[kind = 'treaty']", style: { shape: "hexagon" } },
      { selector: "node[kind = 'document']", style: { shape: "round-rectangle" } },
      { selector: "node[?root]", style: { width: 28, height: 28, "border-width": 3, "border-color": "#f1c40f" } },
      { selector: "edge", style: {
          width: 1.5, "curve-style": large ? "straight" : "bezier", "target-arrow-shape": "triangle",
          "line-color": (e) => functionStyle(e)[0], "target-arrow-color": (e) => functionStyle(e)[0],
          "line-style": (e) => functionStyle(e)[1] } },
    ],
    layout,
  });
  cy.on("tap", "node", (event) => { window.location.href = event.target.data("href"); });
  cy.on("mouseover", "node", (event) => {
    const d = event.target.data();
    tooltip.textContent = [d.label, d.date, d.title].filter(Boolean).join(" · ");
    tooltip.hidden = false;
  });
  cy.on("mousemove", "node", (event) => {
    tooltip.style.left = `${event.originalEvent.clientX + 12}px`;
    tooltip.style.top = `${event.originalEvent.clientY + 12}px`;
  });
  cy.on("mouseout", "node", () => { tooltip.hidden = true; });
  window.unxrefCy = cy;  // for tests and the console
  container.dataset.nodes = String(cy.nodes().length);
  container.dataset.edges = String(cy.edges().length);
  status.textContent = `${cy.nodes().length} nodes, ${cy.edges().length} citations`;
  container.dataset.ready = "true";
}

async function load() {
  container.dataset.ready = "false";
  const depth = document.getElementById("depth").value;
  const direction = document.getElementById("direction").value;
  status.textContent = "loading…";
  const response = await fetch(`/api/chains/${container.dataset.path}?depth=${depth}&direction=${direction}`);
  if (!response.ok) {
    status.textContent = await response.text();
    container.dataset.ready = "error";
    return;
  }
  draw(await response.json());
  const asked = new URLSearchParams(window.location.search).get("layout");
  history.replaceState(null, "", `?depth=${depth}&direction=${direction}${asked ? `&layout=${asked}` : ""}`);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const jump = document.getElementById("jump").value.trim();
  if (jump) {
    const depth = document.getElementById("depth").value;
    const direction = document.getElementById("direction").value;
    window.location.href = `/chains/${encodeURIComponent(jump).replace(/%2F/g, "/")}?depth=${depth}&direction=${direction}`;
  } else {
    load();
  }
});
load();
