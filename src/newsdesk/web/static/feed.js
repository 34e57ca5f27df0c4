// The live feed: articles stored by any process (newsdesk ingest, the Add page) appear at the top
// of the list without a reload. Built with textContent only: titles are untrusted text.
(function () {
  "use strict";
  var status = document.getElementById("live-status");
  var list = document.getElementById("articles");
  if (!status || !list || !window.EventSource) return;
  var text = status.querySelector(".text");
  var LANGS = { en: "English", ru: "Русский" };

  function item(a) {
    var li = document.createElement("li");
    li.className = "item new";
    li.setAttribute("data-id", String(a.id));
    var link = document.createElement("a");
    link.className = "item-title";
    link.href = "/article/" + encodeURIComponent(String(a.id));
    link.textContent = a.title || (a.snippet ? a.snippet.slice(0, 110) + (a.snippet.length > 110 ? "…" : "") : "Untitled");
    li.appendChild(link);
    var meta = document.createElement("p");
    meta.className = "item-meta";
    var parts = [];
    if (a.published) parts.push(a.published);
    parts.push(LANGS[a.language] || a.language);
    if (a.source) parts.push(/:\/\//.test(a.source) ? a.source : a.source.split(/[\\/]/).pop());
    meta.textContent = parts.join(" · ");
    li.appendChild(meta);
    if (a.snippet) {
      var p = document.createElement("p");
      p.className = "item-snippet";
      p.textContent = a.snippet;
      li.appendChild(p);
    }
    return li;
  }

  var after = status.getAttribute("data-after") || "0";
  var source = new EventSource("/feed?after=" + encodeURIComponent(after));
  source.addEventListener("open", function () {
    status.classList.add("connected");
    text.textContent = "Live broadcast";
  });
  source.addEventListener("error", function () {
    status.classList.remove("connected");
    text.textContent = "Live broadcast (reconnecting…)";
  });
  source.addEventListener("article", function (event) {
    var a;
    try { a = JSON.parse(event.data); } catch (e) { return; }
    if (document.querySelector('#articles li[data-id="' + String(Number(a.id)) + '"]')) return;
    var empty = document.getElementById("empty");
    if (empty) empty.remove();
    list.insertBefore(item(a), list.firstChild);
    text.textContent = "Live broadcast: new article";
  });
})();
