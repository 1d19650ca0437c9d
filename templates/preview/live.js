// qms serve: reloads the page when the handbook was rebuilt, and shows
// why a rebuild failed. The server puts this script on every page it
// serves (never in a built site). Waiting is a script load too: the pages'
// Content Security Policy allows scripts from the server, not fetching.
(function () {
  "use strict";
  var me = document.currentScript;
  var site = me.getAttribute("data-site");
  var version = me.getAttribute("data-version");
  var labels = window.qmsPreviewLabels || {};
  var banner = null;

  function bar() {
    var link = document.createElement("a");
    link.href = "/__qms/status";
    link.textContent = labels.status;
    link.className = "qms-preview-link";
    link.style.cssText = "position:fixed;right:.75rem;bottom:.75rem;z-index:1000;padding:.3rem .6rem;" +
      "background:#1f3a5f;color:#fff;border-radius:.3rem;font:13px/1.4 sans-serif;text-decoration:none;opacity:.85";
    link.title = labels.preview;
    document.body.appendChild(link);
  }

  function show(error) {
    if (!error) {
      if (banner) { banner.remove(); banner = null; }
      return;
    }
    if (!banner) {
      banner = document.createElement("div");
      banner.className = "qms-preview-error";
      banner.setAttribute("role", "alert");
      banner.style.cssText = "position:fixed;left:0;right:0;top:0;z-index:1001;padding:.6rem 1rem;" +
        "background:#8b1a1a;color:#fff;font:14px/1.4 sans-serif;white-space:pre-wrap;max-height:40vh;overflow:auto";
      document.body.appendChild(banner);
    }
    banner.textContent = labels.build_failed + "\n" + error;
  }

  window.qmsPreview = function (state) {
    if (String(state.site) !== site) {
      location.reload();
      return;
    }
    version = String(state.version);
    show(state.error);
    if (!state.closing) { wait(0, false); }
  };

  // The first ask is answered at once (a build may have failed already).
  function wait(delay, first) {
    setTimeout(function () {
      var next = document.createElement("script");
      next.src = "/__qms/wait.js?" + (first ? "" : "after=" + version + "&") + "t=" + Date.now();
      next.onload = function () { next.remove(); };
      // The server is away (stopped, restarting): ask again in a moment.
      next.onerror = function () { next.remove(); wait(1000, first); };
      document.head.appendChild(next);
    }, delay);
  }

  // Waiting starts once the page has loaded: a script still loading holds
  // the page's load event, and the wait is held open until the next build.
  function start() {
    bar();
    wait(0, true);
  }
  if (document.readyState === "complete") {
    start();
  } else {
    window.addEventListener("load", start);
  }
})();
