// The page at "/": pick a served model, type a row (or, for a text model, a sentence), and see
// the predicted label with a bar per class. Talks only to this server's /v1 API.
"use strict";

const $ = (id) => document.getElementById(id);
const MAX_BARS = 20;
let models = [];

function headers(json) {
  const h = {};
  if (json) h["Content-Type"] = "application/json";
  const token = $("token").value.trim();
  if (token) h["Authorization"] = "Bearer " + token;
  return h;
}

async function api(path, body) {
  const init = body === undefined
    ? { headers: headers(false) }
    : { method: "POST", headers: headers(true), body: JSON.stringify(body) };
  const res = await fetch(path, init);
  const data = await res.json().catch(() => ({ message: res.status + " " + res.statusText }));
  if (res.status === 401) $("token-field").hidden = false;
  if (!res.ok) throw new Error(data.message || res.status + " " + res.statusText);
  return data;
}

function showError(message) {
  $("error").textContent = message;
  $("error").hidden = !message;
}

async function loadModels() {
  try {
    models = (await api("/v1/models")).models;
  } catch (e) {
    showError("Cannot list the models: " + e.message);
    return;
  }
  showError("");
  const select = $("model");
  select.replaceChildren(...models.map((m) => new Option(m.name, m.name)));
  describe();
}

function current() {
  return models.find((m) => m.name === $("model").value);
}

function describe() {
  const m = current();
  if (!m) return;
  const text = m.kind === "text";
  $("row-label").textContent = text ? "Sentence" : "Row";
  $("model-info").textContent =
    `${m.task}, ${m.num_classes} classes, `
    + `${text ? `text model (${m.head}, dim ${m.dim})` : m.num_features + " features"}, version ${m.version}`;
  $("row-hint").textContent = text
    ? "Type a sentence (or any text): the model gives the probability of each class."
    : `${m.num_features} values separated by commas or spaces (a category may be a word; NA for`
      + " a missing value),"
      + ' or JSON: an array, {"feature": value, ...} or {"indices": [...], "values": [...]}.';
}

// A typed row as an instance: JSON as given, else a list of numbers, with any other word as a
// string (the server accepts strings for categorical features only, and says so otherwise).
function instance(text, m) {
  const t = text.trim();
  if (m && m.kind === "text") return t;
  if (t.startsWith("[") || t.startsWith("{")) return JSON.parse(t);
  return t.split(/[\s,;]+/).filter((s) => s.length > 0).map((s) => {
    if (s === "NA" || s === "null") return null;
    const v = Number(s);
    return Number.isNaN(v) ? s : v;
  });
}

function showPrediction(data) {
  const p = data.predictions[0];
  const rows = p.top
    ? p.top.map((t) => [t.label, t.probability])
    : data.classes.map((c, k) => [c, p.probabilities[k]]).sort((a, b) => b[1] - a[1]);
  $("label").textContent = p.label;
  $("label-p").textContent = `p = ${rows[0][1].toPrecision(4)}`;
  const bars = rows.slice(0, MAX_BARS).map(([name, prob]) => {
    const bar = document.createElement("div");
    bar.className = name === p.label ? "bar best" : "bar";
    bar.dataset.class = name;
    bar.dataset.probability = String(prob);
    const label = document.createElement("span");
    label.className = "name";
    label.textContent = name;
    label.title = name;
    const track = document.createElement("span");
    track.className = "track";
    const fill = document.createElement("span");
    fill.className = "fill";
    fill.style.display = "block";
    fill.style.width = (100 * prob).toFixed(2) + "%";
    track.append(fill);
    const value = document.createElement("span");
    value.className = "value";
    value.textContent = prob < 1e-5 ? "< 0.001 %" : (100 * prob).toFixed(prob >= 0.001 ? 1 : 3) + " %";
    bar.append(label, track, value);
    return bar;
  });
  $("bars").replaceChildren(...bars);
  $("result").hidden = false;
}

async function predict(event) {
  event.preventDefault();
  const m = current();
  if (!m) return loadModels();
  let inst;
  try {
    inst = instance($("row").value, m);
  } catch (e) {
    showError("Cannot read the row: " + e.message);
    return;
  }
  $("predict").disabled = true;
  try {
    const data = await api(`/v1/models/${encodeURIComponent(m.name)}:predict`, { instances: [inst] });
    showError("");
    showPrediction(data);
  } catch (e) {
    $("result").hidden = true;
    showError(e.message);
  } finally {
    $("predict").disabled = false;
  }
}

$("form").addEventListener("submit", predict);
$("model").addEventListener("change", () => { describe(); $("result").hidden = true; });
$("token").addEventListener("change", loadModels);
loadModels();
