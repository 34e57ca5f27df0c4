// Display preferences (theme, text size), remembered per browser. Loaded in <head> so the page
// paints in the chosen theme at once; the buttons are wired once the document is parsed.
(function () {
  "use strict";
  var root = document.documentElement;
  var SIZES = [0.875, 1, 1.125, 1.25, 1.5, 1.75];
  function get(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }
  function set(key, value) { try { localStorage.setItem(key, value); } catch (e) { /* private mode */ } }

  var theme = get("newsdesk.theme");
  if (theme === "dark" || theme === "light") root.setAttribute("data-theme", theme);
  var size = parseInt(get("newsdesk.fontStep") || "1", 10);
  if (!(size >= 0 && size < SIZES.length)) size = 1;
  root.style.setProperty("--text-scale", String(SIZES[size]));

  function isDark() {
    var chosen = root.getAttribute("data-theme");
    if (chosen) return chosen === "dark";
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var toggle = document.getElementById("theme-toggle");
    function showTheme() {
      var dark = isDark();
      toggle.setAttribute("aria-pressed", dark ? "true" : "false");
      toggle.setAttribute("aria-label", dark ? "Light theme" : "Dark theme");
    }
    if (toggle) {
      showTheme();
      toggle.addEventListener("click", function () {
        var next = isDark() ? "light" : "dark";
        root.setAttribute("data-theme", next);
        set("newsdesk.theme", next);
        showTheme();
      });
    }
    function step(delta) {
      size = Math.max(0, Math.min(SIZES.length - 1, size + delta));
      root.style.setProperty("--text-scale", String(SIZES[size]));
      set("newsdesk.fontStep", String(size));
    }
    var smaller = document.getElementById("font-smaller");
    var larger = document.getElementById("font-larger");
    if (smaller) smaller.addEventListener("click", function () { step(-1); });
    if (larger) larger.addEventListener("click", function () { step(1); });
  });
})();
