// broadsheet review site: page view behaviour. No network, no libraries.
// Keys: j / ArrowDown next article, k / ArrowUp previous, n / ArrowRight next page,
// p / ArrowLeft previous page, i / Escape the index.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("page-data").textContent);
  var current = -1;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function field(dl, name, label, value) {
    if (value === null || value === undefined || value === "") return;
    dl.appendChild(el("dt", null, label));
    var dd = el("dd", null, value);
    dd.id = "d-" + name;
    dl.appendChild(dd);
  }

  function paragraphs(art) {
    var box = el("div", "paragraphs");
    box.id = "d-paragraphs";
    var heads = {};
    art.subheads.forEach(function (s) { (heads[s.before_paragraph] = heads[s.before_paragraph] || []).push(s.text); });
    art.paragraphs.forEach(function (text, i) {
      (heads[i] || []).forEach(function (h) { box.appendChild(el("h3", null, h)); });
      box.appendChild(el("p", null, text));
    });
    return box;
  }

  function showDetail(art) {
    var detail = document.getElementById("detail");
    detail.textContent = "";
    if (art.kicker) { var k = el("p", "kicker", art.kicker); k.id = "d-kicker"; detail.appendChild(k); }
    var h = el("h2", null, art.headline); h.id = "d-headline"; detail.appendChild(h);
    if (art.subheadline) { var s = el("p", "subheadline", art.subheadline); s.id = "d-subheadline"; detail.appendChild(s); }
    var dl = el("dl");
    field(dl, "id", "article", art.id);
    field(dl, "dateline", "dateline", art.dateline);
    field(dl, "byline", "byline", art.byline);
    field(dl, "authors", "authors", art.authors.join("、"));
    field(dl, "confidence", "confidence", art.confidence.toFixed(3));
    field(dl, "blocks", "blocks", art.block_ids.join(" "));
    detail.appendChild(dl);
    detail.appendChild(paragraphs(art));
  }

  function mark(selector, cls, on) {
    document.querySelectorAll(selector).forEach(function (n) { n.classList.toggle(cls, on(n)); });
  }

  function select(index, scroll) {
    if (index < 0 || index >= data.articles.length) return;
    current = index;
    var art = data.articles[index];
    showDetail(art);
    mark("rect.block", "hl", function (n) { return n.dataset.article === String(index); });
    mark("rect.article", "current", function (n) { return n.dataset.article === String(index); });
    mark("#articles li", "current", function (n) { return n.dataset.article === String(index); });
    if (scroll) {
      var frame = document.querySelector('rect.article[data-article="' + index + '"]');
      if (frame) frame.scrollIntoView({ block: "center" });
    }
    history.replaceState(null, "", "#a=" + encodeURIComponent(art.id));
  }

  function highlightBlock(id) {
    mark("rect.block", "hl", function (n) { return n.dataset.block === id; });
    var rect = document.querySelector('rect.block[data-block="' + CSS.escape(id) + '"]');
    if (rect) rect.scrollIntoView({ block: "center" });
  }

  function fromHash() {
    var m = /^#(a|b)=(.*)$/.exec(location.hash);
    if (!m) return;
    var id = decodeURIComponent(m[2]);
    if (m[1] === "b") { highlightBlock(id); return; }
    data.articles.forEach(function (a, i) { if (a.id === id) select(i, true); });
  }

  document.querySelectorAll("[data-article]").forEach(function (node) {
    if (node.matches("rect.article")) return;
    node.addEventListener("click", function () { select(Number(node.dataset.article), false); });
  });

  var keys = {
    j: function () { select(Math.min(current + 1, data.articles.length - 1), true); },
    k: function () { select(Math.max(current - 1, 0), true); },
    n: function () { if (data.next) location.href = data.next; },
    p: function () { if (data.prev) location.href = data.prev; },
    i: function () { location.href = "index.html"; }
  };
  keys.ArrowDown = keys.j; keys.ArrowUp = keys.k; keys.ArrowRight = keys.n; keys.ArrowLeft = keys.p; keys.Escape = keys.i;
  document.addEventListener("keydown", function (ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    var act = keys[ev.key];
    if (act) { ev.preventDefault(); act(); }
  });
  fromHash();
})();
