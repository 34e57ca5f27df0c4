// The article page: "Select important" switch, facts that point at their sentences, read aloud.
// All data comes from the server-rendered markup (data-* attributes); nothing here builds HTML.
(function () {
  "use strict";
  var root = document.getElementById("article");
  if (!root) return;
  var articleId = root.getAttribute("data-id");
  function get(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }
  function set(key, value) { try { localStorage.setItem(key, value); } catch (e) { /* private mode */ } }
  function sentence(i) { return document.getElementById("s" + i); }

  // -- Select important ------------------------------------------------------------------
  var toggle = document.getElementById("select-important");
  var important = Array.prototype.slice.call(root.querySelectorAll(".s.important"));
  function showImportant(on) {
    root.classList.toggle("select-important", on);
    toggle.setAttribute("aria-checked", on ? "true" : "false");
    // Highlighted sentences join the tab order so their reasons can be read from the keyboard.
    important.forEach(function (el) {
      if (on) el.setAttribute("tabindex", "0"); else el.removeAttribute("tabindex");
    });
  }
  if (toggle) {
    showImportant(get("newsdesk.selectImportant") === "on");
    toggle.addEventListener("click", function () {
      var on = toggle.getAttribute("aria-checked") !== "true";
      set("newsdesk.selectImportant", on ? "on" : "off");
      showImportant(on);
    });
  }

  // -- Facts: click scrolls to the sentence and marks it ---------------------------------
  function mark(i, scroll) {
    var el = sentence(i);
    if (!el) return;
    Array.prototype.forEach.call(root.querySelectorAll(".s.marked"), function (m) { m.classList.remove("marked"); });
    el.classList.add("marked");
    if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
    if (scroll) el.scrollIntoView({ behavior: "smooth", block: "center" });
    el.focus({ preventScroll: true });
  }
  root.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.fact[data-sentence]") : null;
    if (!link) return;
    event.preventDefault();
    var i = link.getAttribute("data-sentence");
    if (history.replaceState) history.replaceState(null, "", "#s" + i);
    mark(i, true);
  });
  var fromHash = /^#s(\d+)$/.exec(location.hash);
  if (fromHash) mark(fromHash[1], true);

  // -- Read aloud: one short audio file per sentence, so the first plays almost at once ---
  var sentences = Array.prototype.slice.call(root.querySelectorAll(".s[data-i]"));
  var play = document.getElementById("read-play");
  var prev = document.getElementById("read-prev");
  var next = document.getElementById("read-next");
  var speed = document.getElementById("read-speed");
  if (!play || !sentences.length) return;
  var label = play.querySelector("span");
  var pos = 0;
  var playing = false;
  var audio = null;
  var preloaded = {};

  var savedSpeed = get("newsdesk.readSpeed");
  if (savedSpeed && speed.querySelector('option[value="' + savedSpeed + '"]')) speed.value = savedSpeed;

  function url(p) {
    return "/article/" + encodeURIComponent(articleId) + "/sentence/" + sentences[p].getAttribute("data-i") + ".wav";
  }
  function clip(p) {
    var a = preloaded[p] || new Audio(url(p));
    delete preloaded[p];
    a.preload = "auto";
    return a;
  }
  function preload(p) {
    if (p < sentences.length && !preloaded[p]) {
      preloaded[p] = new Audio(url(p));
      preloaded[p].preload = "auto";
    }
  }
  function highlight(p) {
    sentences.forEach(function (el) { el.classList.remove("reading"); });
    var el = sentences[p];
    el.classList.add("reading");
    el.scrollIntoView({ behavior: "smooth", block: "nearest" });
  }
  function showState() {
    play.setAttribute("aria-label", playing ? "Pause" : (audio ? "Resume" : "Read aloud"));
    play.classList.toggle("playing", playing);
    label.textContent = playing ? "Pause" : (audio ? "Resume" : "Read aloud");
    root.classList.toggle("reading-aloud", playing);
  }
  function start(p) {
    if (audio) { audio.pause(); audio.onended = null; }
    pos = Math.max(0, Math.min(sentences.length - 1, p));
    highlight(pos);
    audio = clip(pos);
    audio.playbackRate = parseFloat(speed.value) || 1;
    audio.onended = function () {
      if (pos + 1 < sentences.length) start(pos + 1);
      else { playing = false; audio = null; sentences[pos].classList.remove("reading"); showState(); }
    };
    audio.onerror = function () {
      playing = false;
      label.textContent = "Audio unavailable";
      root.classList.remove("reading-aloud");
    };
    playing = true;
    showState();
    var promise = audio.play();
    if (promise && promise.catch) promise.catch(function () { playing = false; showState(); });
    preload(pos + 1);
  }
  play.addEventListener("click", function () {
    if (playing) { audio.pause(); playing = false; showState(); return; }
    if (audio) {
      playing = true; showState();
      var promise = audio.play();
      if (promise && promise.catch) promise.catch(function () { playing = false; showState(); });
      return;
    }
    start(pos);
  });
  function move(delta) {
    var target = Math.max(0, Math.min(sentences.length - 1, pos + delta));
    if (playing) start(target);
    else { if (audio) { audio.pause(); audio = null; } pos = target; highlight(pos); showState(); }
  }
  prev.addEventListener("click", function () { move(-1); });
  next.addEventListener("click", function () { move(1); });
  speed.addEventListener("change", function () {
    set("newsdesk.readSpeed", speed.value);
    if (audio) audio.playbackRate = parseFloat(speed.value) || 1;
  });
})();
