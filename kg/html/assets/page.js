// govkg graph page.  Every string from the data reaches the DOM through
// textContent or a canvas label, never as markup.
(function () {
  "use strict";
  const D = JSON.parse(document.getElementById("kg-data").textContent);
  const T = D.nodes.type, LABEL = D.nodes.label, NAMES = D.nodes.names;
  const N = T.length, E = D.edges.from.length;
  const FROM = D.edges.from, TO = D.edges.to, REL = D.edges.rel;
  const TYPES = D.types, RELS = D.relations;
  const PART_OF = RELS.findIndex((r) => r[0] === "part_of_initiative");
  const LARGE = N > 3000;

  // incident edges of every node, as one flat array (CSR)
  const start = new Int32Array(N + 1);
  for (let e = 0; e < E; e++) { start[FROM[e] + 1]++; start[TO[e] + 1]++; }
  for (let i = 0; i < N; i++) start[i + 1] += start[i];
  const inc = new Int32Array(2 * E), fill = start.slice(0, N);
  for (let e = 0; e < E; e++) { inc[fill[FROM[e]]++] = e; inc[fill[TO[e]]++] = e; }
  const other = (e, i) => (FROM[e] === i ? TO[e] : FROM[e]);

  const shown = new Uint8Array(N);      // in the current view, before filters
  const inSet = new Uint8Array(N);      // node is in the vis DataSet
  const edgeInSet = new Uint8Array(E);
  const labelNow = new Array(N);
  const typeOn = TYPES.map(() => true), relOn = RELS.map(() => true);
  let overview = D.overview !== null, focusSaved = null, selected = null;

  // ---- helpers -------------------------------------------------------------
  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function glyph(t) {
    const g = el("span", "glyph", TYPES[t][4]);
    g.style.color = TYPES[t][2];
    return g;
  }
  // CJK characters count double; two lines of about nine characters
  function wrap(text) {
    const lines = [];
    let line = "", width = 0;
    for (const ch of text) {
      const w = ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
      if (width + w > 18) { lines.push(line); line = ""; width = 0; }
      line += ch; width += w;
    }
    lines.push(line);
    if (lines.length > 2) return lines[0] + "\n" + lines[1].slice(0, -1) + "…";
    return lines.join("\n");
  }
  const size = (i) => Math.min(40, 8 + 3 * Math.sqrt(D.nodes.degree[i]));
  const norm = (s) => s.normalize("NFKC").toLowerCase().replace(/[\s“”"「」《》『』‘’']/g, "");

  // ---- the network -----------------------------------------------------------
  const groups = {};
  TYPES.forEach(([name, , colour, shape]) => {
    groups[name] = shape === "ring"
      ? { shape: "dot", borderWidth: 4, color: { background: "#ffffff", border: colour,
          highlight: { background: "#ffffff", border: colour }, hover: { background: "#ffffff", border: colour } } }
      : { shape: shape, color: colour };
  });
  const nodes = new vis.DataSet(), edges = new vis.DataSet();
  const container = document.getElementById("graph");
  const network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    autoResize: true,
    physics: false,
    layout: { improvedLayout: false },
    groups: groups,
    // Outlined (stroked) text costs ten times plain text to rasterise: a
    // translucent box behind the label keeps it readable for much less.
    nodes: { font: { size: 14, strokeWidth: 0, background: "rgba(255,255,255,0.75)",
      face: "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif" },
      borderWidth: 1, scaling: { label: { drawThreshold: 7 } } },
    // Edge labels only on the selected node's edges; colour tells the relation elsewhere.
    edges: { smooth: false, width: 1, selectionWidth: 2, arrows: { to: { enabled: true, scaleFactor: 0.4 } },
      font: { size: 11, color: "#555555", strokeWidth: 0, background: "rgba(255,255,255,0.85)", align: "middle" } },
    interaction: { hover: !LARGE, hideEdgesOnDrag: LARGE, hideEdgesOnZoom: LARGE,
      tooltipDelay: 3600000, keyboard: false },
  });

  function visible(i) { return shown[i] === 1 && typeOn[T[i]]; }
  function hiddenNeighbours(i) {
    let k = 0;
    for (let j = start[i]; j < start[i + 1]; j++) if (!shown[other(inc[j], i)]) k++;
    return k;
  }
  function labelOf(i) {
    const hidden = overview || focusSaved ? hiddenNeighbours(i) : 0;
    return wrap(LABEL[i]) + (hidden ? "\n(+" + hidden + ")" : "");
  }
  function nodeItem(i) {
    return { id: i, label: labelOf(i), group: TYPES[T[i]][0], x: D.nodes.x[i], y: D.nodes.y[i], size: size(i) };
  }
  function edgeItem(e) {
    return { id: e, from: FROM[e], to: TO[e], color: { color: RELS[REL[e]][2], opacity: 0.8 } };
  }
  // Edge labels only on the selected node's edges; colour tells the relation elsewhere.
  let labelled = [];
  function labelEdges(i) {
    const update = labelled.filter((e) => edgeInSet[e]).map((e) => ({ id: e, label: undefined }));
    labelled = [];
    if (i !== null) {
      for (let k = start[i]; k < start[i + 1]; k++) {
        const e = inc[k];
        if (edgeInSet[e]) { labelled.push(e); update.push({ id: e, label: RELS[REL[e]][1] }); }
      }
    }
    if (update.length) edges.update(update);
  }

  // Bring the DataSets in line with shown/typeOn/relOn, touching only what changed.
  function sync() {
    const addN = [], dropN = [], relabel = [], addE = [], dropE = [];
    for (let i = 0; i < N; i++) {
      const want = visible(i);
      if (want && !inSet[i]) { const item = nodeItem(i); labelNow[i] = item.label; addN.push(item); inSet[i] = 1; }
      else if (!want && inSet[i]) { dropN.push(i); inSet[i] = 0; }
      else if (want) { const l = labelOf(i); if (l !== labelNow[i]) { labelNow[i] = l; relabel.push({ id: i, label: l }); } }
    }
    for (let e = 0; e < E; e++) {
      const want = relOn[REL[e]] && inSet[FROM[e]] && inSet[TO[e]];
      if (want && !edgeInSet[e]) { addE.push(edgeItem(e)); edgeInSet[e] = 1; }
      else if (!want && edgeInSet[e]) { dropE.push(e); edgeInSet[e] = 0; }
    }
    if (dropE.length) edges.remove(dropE);
    if (dropN.length) nodes.remove(dropN);
    if (addN.length) nodes.add(addN);
    if (relabel.length) nodes.update(relabel);
    if (addE.length) edges.add(addE);
    status();
  }

  function status() {
    let n = 0, m = 0;
    for (let i = 0; i < N; i++) n += inSet[i];
    for (let e = 0; e < E; e++) m += edgeInSet[e];
    const where = focusSaved ? "（邻域聚焦）" : overview ? "（概览：举措与地点，双击展开）" : "";
    document.getElementById("status").textContent = "显示 " + n + " / " + N + " 个实体，" + m + " / " + E + " 条关系" + where;
  }

  // ---- view modes --------------------------------------------------------------
  const modeButton = document.getElementById("mode");
  function showOverview() {
    shown.fill(0);
    for (const i of D.overview) shown[i] = 1;
    overview = true;
  }
  function setMode(toOverview) {
    focusSaved = null;
    if (toOverview) showOverview(); else { shown.fill(1); overview = false; }
    modeButton.textContent = overview ? "显示全部" : "回到概览";
    sync();
    network.fit({ animation: false });
  }
  function expand(i) {
    for (let j = start[i]; j < start[i + 1]; j++) shown[other(inc[j], i)] = 1;
    shown[i] = 1;
    sync();
  }
  function focusOn(i) {
    if (!focusSaved) focusSaved = { shown: shown.slice(), overview: overview };
    shown.fill(0);
    shown[i] = 1;
    for (let j = start[i]; j < start[i + 1]; j++) shown[other(inc[j], i)] = 1;
    if (!typeOn[T[i]]) setType(T[i], true);
    sync();
    network.fit({ nodes: nodes.getIds(), animation: false });
    network.selectNodes([i]);
    showPanel(i);
  }
  function unfocus() {
    if (!focusSaved) return;
    shown.set(focusSaved.shown);
    overview = focusSaved.overview;
    focusSaved = null;
    sync();
    if (selected !== null && inSet[selected]) network.selectNodes([selected]);
    if (selected !== null) showPanel(selected);
  }

  function select(i) {
    if (!typeOn[T[i]]) setType(T[i], true);
    if (!shown[i]) { shown[i] = 1; sync(); }
    network.selectNodes([i]);
    network.focus(i, { scale: Math.max(network.getScale(), 1.2), animation: false });
    showPanel(i);
  }

  // ---- filters and legend ------------------------------------------------------
  const typeBoxes = [];
  function setType(t, on) { typeOn[t] = on; typeBoxes[t].checked = on; }
  function filterRow(list, mark, caption, count, onChange) {
    const li = el("li"), label = el("label"), box = el("input");
    box.type = "checkbox"; box.checked = true;
    box.addEventListener("change", () => onChange(box.checked));
    label.append(box, mark, el("span", null, caption), el("span", "count", count));
    li.append(label); list.append(li);
    return box;
  }
  const typeCount = TYPES.map(() => 0), relCount = RELS.map(() => 0);
  for (let i = 0; i < N; i++) typeCount[T[i]]++;
  for (let e = 0; e < E; e++) relCount[REL[e]]++;
  TYPES.forEach((t, k) => {
    typeBoxes.push(filterRow(document.getElementById("type-filters"), glyph(k), t[1] + " " + t[0], typeCount[k],
      (on) => { typeOn[k] = on; sync(); }));
  });
  RELS.forEach((r, k) => {
    const sw = el("span", "swatch"); sw.style.background = r[2];
    filterRow(document.getElementById("rel-filters"), sw, r[1] + " " + r[0], relCount[k],
      (on) => { relOn[k] = on; sync(); });
  });

  // ---- search ------------------------------------------------------------------
  const keys = new Array(N);
  for (let i = 0; i < N; i++) keys[i] = [LABEL[i], ...NAMES[i]].map(norm);
  const q = document.getElementById("q"), results = document.getElementById("results");
  function search(text) {
    const needle = norm(text);
    if (!needle) return [];
    const hits = [];
    for (let i = 0; i < N; i++) {
      let rank = 9, alias = -1;
      keys[i].forEach((k, n) => {
        const r = k === needle ? 0 : k.startsWith(needle) ? 1 : k.includes(needle) ? 2 : 9;
        if (r < rank) { rank = r; alias = n; }
      });
      if (rank < 9) hits.push([rank, -D.nodes.degree[i], i, alias]);
    }
    hits.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    return hits.slice(0, 30).map((h) => ({ node: h[2], alias: h[3] }));
  }
  function showResults() {
    results.replaceChildren();
    const hits = search(q.value);
    for (const { node, alias } of hits) {
      const b = el("button");
      b.type = "button";
      b.dataset.node = String(node);
      b.append(glyph(T[node]), el("span", "name", LABEL[node]));
      if (alias > 0) b.append(el("span", "alias", "（" + NAMES[node][alias - 1] + "）"));
      b.append(el("span", "type", TYPES[T[node]][1]));
      b.addEventListener("click", () => { results.hidden = true; select(node); });
      const li = el("li"); li.append(b); results.append(li);
    }
    if (!hits.length && q.value.trim()) results.append(el("li", "empty", "没有找到"));
    results.hidden = !q.value.trim();
  }
  q.addEventListener("input", showResults);
  q.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") { const first = results.querySelector("button"); if (first) first.click(); }
    if (ev.key === "Escape") results.hidden = true;
  });

  // ---- side panel --------------------------------------------------------------
  const panel = document.getElementById("panel");
  function link(i) {
    const b = el("button", "link");
    b.type = "button";
    b.append(glyph(T[i]), document.createTextNode(LABEL[i]));
    b.addEventListener("click", () => select(i));
    return b;
  }
  // sentence s of report d: each report numbers its own, and the page holds each text once
  function sentence(d, s) { return D.sentences[D.docSentences[d][s]]; }
  function where(src, k) {
    const doc = D.docs[src[k]];
    const report = doc[0] + (doc[3] ? "（" + doc[3] + "）" : "");
    const path = D.paths[D.docPaths[src[k]][src[k + 2]]];
    return "报告：" + report + (path ? " · 章节：" + path : "");
  }
  function sources(i) {
    const box = el("div");
    for (const src of D.nodes.sources[i]) {
      const text = sentence(src[0], src[1]), marks = src[3];
      const item = el("div", "source"), quote = el("blockquote");
      let at = 0;
      for (let k = 0; k < marks.length; k += 2) {
        if (marks[k] < at) continue;
        quote.append(document.createTextNode(text.slice(at, marks[k])), el("mark", null, text.slice(marks[k], marks[k + 1])));
        at = marks[k + 1];
      }
      quote.append(document.createTextNode(text.slice(at)));
      item.append(quote, el("div", "where", where(src, 0)));
      box.append(item);
    }
    if (!D.nodes.sources[i].length) box.append(el("p", "empty", "文中无原句（由行政区划库补全的上级地区）"));
    return box;
  }
  // the initiative chain above initiative j, following part_of_initiative upwards
  function chain(j) {
    const names = [], seen = new Set([j]);
    for (let cur = j; ;) {
      let up = -1;
      for (let k = start[cur]; k < start[cur + 1]; k++) {
        const e = inc[k];
        if (REL[e] === PART_OF && FROM[e] === cur && !seen.has(TO[e])) { up = TO[e]; break; }
      }
      if (up < 0) return names;
      names.push(LABEL[up]); seen.add(up); cur = up;
    }
  }
  function evidenceTitle(e) {
    const ev = D.edges.evidence[e];
    return ev.length ? sentence(ev[0], ev[1]) + "\n" + where(ev, 0) : "";
  }
  function listWithMore(items, limit) {
    const ul = el("ul");
    items.slice(0, limit).forEach((li) => ul.append(li));
    if (items.length > limit) {
      const more = el("button", "more", "显示全部 " + items.length + " 项");
      more.type = "button";
      more.addEventListener("click", () => { items.slice(limit).forEach((li) => ul.append(li)); more.remove(); });
      const li = el("li"); li.append(more); ul.append(li);
    }
    return ul;
  }
  function showPanel(i) {
    selected = i;
    labelEdges(i);
    panel.replaceChildren();
    const head = el("header"), title = el("h2"), close = el("button", "close", "×");
    title.append(glyph(T[i]), document.createTextNode(" " + LABEL[i]));
    close.type = "button"; close.title = "关闭";
    close.addEventListener("click", hidePanel);
    head.append(title, close);
    panel.append(head, el("div", "kind", TYPES[T[i]][1] + " · " + TYPES[T[i]][0] +
      " · 出现 " + D.nodes.mentions[i] + " 次 · " + D.nodes.degree[i] + " 条关系"));

    const actions = el("div", "actions"), focus = el("button", null, focusSaved ? "退出聚焦" : "聚焦邻域");
    focus.type = "button";
    focus.addEventListener("click", () => (focusSaved ? unfocus() : focusOn(i)));
    actions.append(focus);
    const hidden = hiddenNeighbours(i);
    if (hidden && !focusSaved) {
      const more = el("button", null, "展开 " + hidden + " 个邻居");
      more.type = "button";
      more.addEventListener("click", () => { expand(i); showPanel(i); });
      actions.append(more);
    }
    panel.append(actions);

    const facts = el("dl"), attrs = D.nodes.attrs[i];
    if (NAMES[i].length) facts.append(el("dt", null, "其他名称"), el("dd", null, NAMES[i].join("、")));
    for (const [key, caption] of D.captions) {
      if (attrs[key] !== undefined) facts.append(el("dt", null, caption), el("dd", null, attrs[key]));
    }
    if (facts.childNodes.length) { panel.append(el("h3", null, "属性"), facts); }

    const initiatives = [], related = new Map();
    for (let k = start[i]; k < start[i + 1]; k++) {
      const e = inc[k], j = other(e, i), out = FROM[e] === i;
      if (out && REL[e] === PART_OF) {
        const li = el("li"); li.append(link(j));
        const up = chain(j);
        if (up.length) li.append(el("div", "chain", "‹ " + up.join(" ‹ ")));
        li.title = evidenceTitle(e);
        initiatives.push(li);
        continue;
      }
      const caption = out ? RELS[REL[e]][1] : RELS[REL[e]][3];
      if (!related.has(caption)) related.set(caption, []);
      const li = el("li"); li.append(link(j)); li.title = evidenceTitle(e);
      related.get(caption).push(li);
    }
    panel.append(el("h3", null, "所属举措"));
    panel.append(initiatives.length ? listWithMore(initiatives, 30) : el("p", "empty", "无"));
    for (const [caption, items] of related) {
      panel.append(el("h3", null, caption + "（" + items.length + "）"), listWithMore(items, 30));
    }
    const nsrc = D.nodes.sources[i].length;
    panel.append(el("h3", null, "原文出处（" + nsrc + "）"), sources(i));
    panel.hidden = false;
  }
  function hidePanel() { panel.hidden = true; selected = null; labelEdges(null); network.unselectAll(); }

  // ---- hover tooltip -------------------------------------------------------------
  const tip = document.getElementById("tip");
  let mouse = [0, 0];
  container.addEventListener("mousemove", (ev) => { mouse = [ev.clientX, ev.clientY]; });
  network.on("hoverNode", (p) => {
    const i = p.node, src = D.nodes.sources[i];
    tip.replaceChildren(el("b", null, LABEL[i]), el("div", null, TYPES[T[i]][1] + " · " + TYPES[T[i]][0]));
    if (src.length) {
      const s = sentence(src[0][0], src[0][1]);
      tip.append(el("div", null, s.length > 120 ? s.slice(0, 119) + "…" : s));
    }
    let [x, y] = mouse;
    if (p.pointer && p.pointer.DOM) {  // vis gives the pointer relative to the canvas
      const box = container.getBoundingClientRect();
      [x, y] = [box.left + p.pointer.DOM.x, box.top + p.pointer.DOM.y];
    }
    tip.style.left = x + 14 + "px";
    tip.style.top = y + 14 + "px";
    tip.hidden = false;
  });
  network.on("blurNode", () => { tip.hidden = true; });
  network.on("dragStart", () => { tip.hidden = true; });

  network.on("click", (p) => {
    results.hidden = true;
    tip.hidden = true;
    if (p.nodes.length) showPanel(p.nodes[0]); else if (!p.edges.length) hidePanel();
  });
  network.on("doubleClick", (p) => { if (p.nodes.length) { expand(p.nodes[0]); showPanel(p.nodes[0]); } });
  modeButton.addEventListener("click", () => setMode(!overview));
  document.getElementById("fit").addEventListener("click", () => network.fit({ animation: false }));

  // ---- start -------------------------------------------------------------------
  // ready once the first frame is drawn and painted (the task after its frame)
  network.once("afterDrawing", () => requestAnimationFrame(() => setTimeout(() => {
    window.govkgReady = performance.now();
    document.body.dataset.ready = "1";
  })));
  if (D.overview !== null) { modeButton.hidden = false; setMode(true); } else setMode(false);
  // for tests and the benchmark: the same functions the controls call
  window.govkg = { network: network, select: select, search: search, focus: focusOn, expand: expand,
    showAll: () => setMode(false) };
})();
