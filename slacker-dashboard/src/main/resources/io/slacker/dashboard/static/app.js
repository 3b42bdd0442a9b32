"use strict";
(function () {
  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== null && v !== undefined) e.setAttribute(k, v);
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function figures(m) {
    if (!m) return null;
    const err = (m.errorRate * 100).toFixed(m.errorRate > 0 && m.errorRate < 0.01 ? 2 : 1);
    return el("span", { class: "figures" },
      el("span", null, el("b", null, m.callsPerSecond.toFixed(1)), " calls/s"),
      el("span", { class: m.errorRate > 0 ? "bad" : null }, el("b", null, err + "%"), " errors"),
      el("span", null, el("b", null, m.p99Millis === null ? "–" : fmtMs(m.p99Millis)), " p99"));
  }

  function fmtMs(ms) {
    return ms < 1 ? ms.toFixed(2) + " ms" : ms < 100 ? ms.toFixed(1) + " ms" : Math.round(ms) + " ms";
  }

  function stat(value, label) {
    return el("div", { class: "stat" }, el("b", null, value), el("span", null, label));
  }

  function namespaceCard(ns, byAddr) {
    const card = el("div", { class: "card", "data-namespace": ns.name }, el("h3", null, ns.name));
    if (ns.servers.length === 0) card.append(el("div", { class: "empty" }, "no server online"));
    for (const addr of ns.servers) {
      const s = byAddr[addr];
      card.append(el("div", { class: "row", "data-ns-server": addr },
        el("span", { class: "addr" }, addr),
        addr === ns.leader ? el("span", { class: "badge leader" }, "leader") : null,
        figures(s && s.metrics)));
    }
    if (ns.functions.length > 0) {
      const d = el("details", null, el("summary", null, ns.functions.length + " function" +
        (ns.functions.length === 1 ? "" : "s")));
      for (const f of ns.functions) {
        d.append(el("div", { class: "fn" }, el("code", null, f.name), " ",
          f.arglists ? el("span", { class: "args" }, f.arglists) : null,
          f.doc ? el("div", { class: "doc" }, f.doc) : null));
      }
      card.append(d);
    }
    return card;
  }

  function serverCard(s) {
    const online = s.namespaces.length > 0;
    return el("div", { class: "card", "data-server": s.address },
      el("h3", null, s.address, " ",
        el("span", { class: "badge " + (online ? "online" : "offline") }, online ? "online" : "offline")),
      el("dl", null,
        el("dt", null, "namespaces"), el("dd", null, s.namespaces.length ? s.namespaces.join(", ") : "–"),
        el("dt", null, "leader of"), el("dd", null, s.leaderOf.length ? s.leaderOf.join(", ") : "–"),
        el("dt", null, "server data"), el("dd", null, s.data ? el("code", null, s.data) : "–"),
        el("dt", null, "calls"), el("dd", null, figures(s.metrics) ||
          (s.metricsUrl ? "waiting for two scrapes…" : "no metrics published"))));
  }

  function render(state) {
    $("cluster").textContent = state.cluster + " @ " + state.zookeeper;
    const status = $("status");
    status.dataset.state = state.connected ? "live" : "zk-down";
    status.textContent = state.connected ? "live" : "ZooKeeper disconnected";
    const byAddr = {};
    for (const s of state.servers) byAddr[s.address] = s;
    const leaders = state.namespaces.filter((n) => n.leader).length;
    $("summary").replaceChildren(stat(state.namespaces.length, "namespaces"), stat(state.servers.length, "servers"),
      stat(leaders + "/" + state.namespaces.length, "namespaces with a leader"));
    const nsGrid = $("namespaces");
    const open = new Set([...nsGrid.querySelectorAll("[data-namespace] details[open]")]
      .map((d) => d.closest("[data-namespace]").dataset.namespace));
    nsGrid.replaceChildren(...(state.namespaces.length ? state.namespaces.map((n) => namespaceCard(n, byAddr))
      : [el("div", { class: "empty" }, "no namespaces registered")]));
    for (const name of open) {
      const card = nsGrid.querySelector(`[data-namespace="${CSS.escape(name)}"] details`);
      if (card) card.open = true;
    }
    $("servers").replaceChildren(...(state.servers.length ? state.servers.map(serverCard)
      : [el("div", { class: "empty" }, "no servers registered")]));
  }

  function poll(every) {
    fetch("api/cluster", { cache: "no-store" })
      .then((r) => (r.ok ? r.json() : Promise.reject(r.status)))
      .then(render)
      .catch(() => {
        const status = $("status");
        status.dataset.state = "offline";
        status.textContent = "reconnecting…";
      })
      .finally(() => setTimeout(() => poll(every), every));
  }

  function connect() {
    // served by a gateway (no event stream there): poll the state instead
    const every = Number(document.documentElement.dataset.poll);
    if (every > 0) {
      poll(every);
      return;
    }
    const source = new EventSource("api/events");
    source.onmessage = (e) => render(JSON.parse(e.data));
    source.onerror = () => {
      const status = $("status");
      status.dataset.state = "offline";
      status.textContent = "reconnecting…";
    };
  }

  connect();
})();
