// The explorer page: a Cypher editor (Neo4j's @neo4j-cypher/codemirror, fed the graph's
// vocabulary from /v1/schema), saved queries with a form per parameter, results as a graph
// (cytoscape) and a table, loadout pictures from /v1/loadouts/{id}/graph.svg. Everything is
// bundled at set-up (esbuild): no CDN.
import { createCypherEditor } from "@neo4j-cypher/codemirror";
import "@neo4j-cypher/codemirror/css/cypher-codemirror.css";
import cytoscape from "cytoscape";
import "./explore.css";

const PALETTE = {
  Unit: "#4c8eda", Loadout: "#f79767", Equipment: "#57c7e3", Location: "#8dcc93",
  Category: "#ffc454", Version: "#c990c0", Change: "#a5abb6", Unresolved: "#d9534f",
};
const FALLBACK = "#a5abb6";
const $ = (id) => document.getElementById(id);
const state = { saved: [], current: null, result: null };

function headers() {
  const key = $("api-key").value.trim();
  const found = { "Content-Type": "application/json" };
  if (key) found.Authorization = `Bearer ${key}`;
  return found;
}

async function api(path, body) {
  const response = await fetch(path, body === undefined
    ? { headers: headers() }
    : { method: "POST", headers: headers(), body: JSON.stringify(body) });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(data.detail || data.title || `HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return data;
}

function showProblem(message) {
  const box = $("problem");
  box.hidden = !message;
  box.textContent = message || "";
}

// ---- editor --------------------------------------------------------------------------------
const { editor } = createCypherEditor($("editor"), {
  value: "MATCH (unit:Unit)-[owns:HAS_LOADOUT]->(loadout:Loadout) RETURN unit, owns, loadout LIMIT 10",
  lint: true,
  autocomplete: true,
  theme: "light",
});

async function loadSchema() {
  try {
    const schema = await api("/v1/schema");
    const graph = schema.graph || { labels: [], relationship_types: [], property_keys: [] };
    editor.setSchema({
      labels: graph.labels.map((l) => `:${l}`),
      relationshipTypes: graph.relationship_types.map((t) => `:${t}`),
      propertyKeys: graph.property_keys,
      functions: [], procedures: [], parameters: [], consoleCommands: [],
    });
  } catch (error) {
    showProblem(`could not read the schema: ${error.message}`);
  }
}

// ---- saved queries -------------------------------------------------------------------------
function paramForm(query) {
  const form = $("params");
  form.replaceChildren();
  for (const [name, description] of Object.entries(query ? query.parameters : {})) {
    const label = document.createElement("label");
    label.title = description;
    label.textContent = `$${name}`;
    const input = document.createElement("input");
    input.name = name;
    const example = query.example[name];
    input.value = example === undefined ? "" : (typeof example === "string" ? example : JSON.stringify(example));
    label.append(input);
    form.append(label);
  }
}

function params() {
  const found = {};
  for (const input of $("params").querySelectorAll("input")) {
    const text = input.value.trim();
    try { found[input.name] = JSON.parse(text); } catch { found[input.name] = text; }
  }
  return found;
}

function choose(query) {
  state.current = query;
  editor.setValue(query.text.trim());
  paramForm(query);
}

function listSaved() {
  const filter = $("saved-filter").value.toLowerCase();
  for (const [list, guided] of [[$("guided"), true], [$("saved"), false]]) {
    list.replaceChildren();
    for (const query of state.saved.filter((q) => q.guided === guided && q.name.includes(filter))) {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.query = query.name;
      button.textContent = query.name;
      const about = document.createElement("small");
      about.textContent = query.description;
      button.append(about);
      button.addEventListener("click", () => choose(query));
      item.append(button);
      list.append(item);
    }
  }
}

// ---- results: graph, table, picture --------------------------------------------------------
const cy = cytoscape({
  container: $("graph"),
  style: [
    { selector: "node", style: {
      "background-color": "data(color)", label: "data(caption)", "font-size": 9,
      "text-valign": "center", "text-wrap": "ellipsis", "text-max-width": 80, width: 34, height: 34 } },
    { selector: "edge", style: {
      label: "data(caption)", "font-size": 8, "curve-style": "bezier", "target-arrow-shape": "triangle",
      width: 1.5, "line-color": "#a5abb6", "target-arrow-color": "#a5abb6", "text-rotation": "autorotate" } },
    { selector: ":selected", style: { "border-width": 3, "border-color": "#243447" } },
  ],
});

function caption(node) {
  const p = node.properties;
  return String(p.name ?? p.code ?? p.id ?? p.key ?? node.labels[0] ?? node.id);
}

function relationshipCaption(rel) {
  const p = rel.properties;
  if (rel.type === "MOUNTS") {
    return `MOUNTS ${p.location ?? ""}${p.quantity > 1 ? ` ×${p.quantity}` : ""}${p.rear ? " (R)" : ""}`;
  }
  return rel.type;
}

function addGraph(graph) {
  const elements = [];
  for (const node of graph.nodes) {
    if (cy.getElementById(node.id).nonempty()) continue;
    elements.push({ group: "nodes", data: {
      id: node.id, caption: caption(node), color: PALETTE[node.labels[0]] ?? FALLBACK, raw: node } });
  }
  for (const rel of graph.relationships) {
    if (cy.getElementById(rel.id).nonempty()) continue;
    elements.push({ group: "edges", data: {
      id: rel.id, source: rel.start, target: rel.end, caption: relationshipCaption(rel), raw: rel } });
  }
  cy.add(elements);
  cy.layout({ name: "cose", animate: false, fit: true, padding: 20 }).run();
}

function cell(value) {
  if (value === null || value === undefined) return "null";
  if (typeof value === "object" && value.labels) return `(:${value.labels.join(":")} ${value.properties.id ?? value.id})`;
  if (typeof value === "object" && value.type && value.start) return `[:${value.type}]`;
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function fillTable(result) {
  const table = $("table");
  table.replaceChildren();
  const head = table.createTHead().insertRow();
  for (const column of result.columns) head.insertCell().outerHTML = `<th>${column.replace(/[<>&]/g, "")}</th>`;
  const body = table.createTBody();
  for (const row of result.rows) {
    const line = body.insertRow();
    for (const value of row) line.insertCell().textContent = cell(value);
  }
}

function showPicture(loadoutId) {
  const pane = $("picture");
  pane.replaceChildren();
  const image = document.createElement("img");
  image.alt = `picture of loadout ${loadoutId}`;
  image.src = `/v1/loadouts/${encodeURIComponent(loadoutId)}/graph.svg`;
  pane.append(image);
}

async function run() {
  showProblem("");
  $("status").textContent = "running…";
  try {
    const result = await api("/v1/explore/query", { query: editor.codemirror.state.doc.toString(), params: params() });
    state.result = result;
    cy.elements().remove();
    addGraph(result.graph);
    fillTable(result);
    const cut = [result.truncated.rows && "rows", result.truncated.nodes && "nodes"].filter(Boolean);
    $("status").textContent = `${result.rows.length} row(s), ${result.graph.nodes.length} node(s), `
      + `${result.graph.relationships.length} relationship(s) in ${result.elapsed_ms} ms`
      + (cut.length ? ` — truncated (${cut.join(", ")})` : "");
    const loadout = result.graph.nodes.find((n) => n.labels.includes("Loadout"));
    if (loadout) showPicture(loadout.properties.id);
  } catch (error) {
    $("status").textContent = "";
    showProblem(error.message);
  }
}

async function expand(node) {
  const raw = node.data("raw");
  const label = raw.labels.find((l) => l in PALETTE);
  const query = raw.properties.id !== undefined && label
    ? `MATCH (n:${label} {id: $id})-[r]-(m) RETURN n, r, m LIMIT 50`
    : "MATCH (n)-[r]-(m) WHERE elementId(n) = $element RETURN n, r, m LIMIT 50";
  try {
    const result = await api("/v1/explore/query", { query, params: { id: raw.properties.id, element: raw.id } });
    addGraph(result.graph);
    $("status").textContent = `expanded ${caption(raw)}: ${cy.nodes().length} node(s) drawn`;
  } catch (error) {
    showProblem(error.message);
  }
}

cy.on("dbltap", "node", (event) => expand(event.target));
cy.on("tap", "node, edge", (event) => {
  const raw = event.target.data("raw");
  $("details").textContent = JSON.stringify(raw, null, 2);
  if (raw.labels && raw.labels.includes("Loadout")) showPicture(raw.properties.id);
});

for (const tab of document.querySelectorAll(".tabs button")) {
  tab.addEventListener("click", () => {
    for (const other of document.querySelectorAll(".tabs button")) other.classList.toggle("active", other === tab);
    for (const pane of document.querySelectorAll(".pane")) pane.hidden = pane.dataset.pane !== tab.dataset.tab;
    if (tab.dataset.tab === "graph") cy.resize();
  });
}

$("run").addEventListener("click", run);
$("saved-filter").addEventListener("input", listSaved);
$("api-key").value = sessionStorage.getItem("graphstore-key") ?? "";
$("api-key").addEventListener("change", () => sessionStorage.setItem("graphstore-key", $("api-key").value));

// For tests and the console: the drawing, the editor and the last response.
window.explorer = { cy, editor, state, run, expand };

(async () => {
  await loadSchema();
  try {
    state.saved = await api("/v1/explore/saved");
    listSaved();
  } catch (error) {
    showProblem(`could not list the saved queries: ${error.message}`);
  }
  document.body.dataset.ready = "true";
})();
