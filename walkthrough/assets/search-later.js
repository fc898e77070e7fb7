// ssp-kit: Material's search starts after the page's simulators (see partials/alternate.html).
//
// Material starts its search worker as its bundle runs, and the worker builds the search
// index at once. On a page with simulators that competes with Pyodide's boot for the CPU:
// on 2 cores the simulators were ready 0.7 s later (bench/boot.py). This script runs
// before the bundle and hands Material, for its search worker only, a stand-in that keeps
// the messages Material posts and starts the real worker, giving it those messages in
// order, when the first of these comes:
//   - every simulator of the page is ready or has failed (simulator.js calls start);
//   - the reader goes to the search box (focus inside .md-search, or its toggle);
//   - DEADLINE_MS have passed.
// A page with no simulator (home without one, 404) has nothing to wait for: Material gets
// its real worker at once.
// Everything stays on the page's side: the worker, once started, is Material's own,
// unchanged. `window.__sspSearch.startedBy` says what started it (tests read it).
(function () {
  "use strict";
  var Real = window.Worker;
  var DEADLINE_MS = 30000; // a boot that long has stalled: search need not wait for it
  var SEARCH_WORKER = /\/workers\/search\.[\w-]+\.min\.js$/;
  var waiting = null; // the stand-in, until it starts
  var state = { startedBy: null, start: start };
  window.__sspSearch = state;

  function start(reason) {
    if (!waiting || state.startedBy) return;
    state.startedBy = reason;
    waiting.start();
    waiting = null;
  }

  // The stand-in: what Material uses of a Worker (addEventListener, postMessage).
  function Later(url, options) {
    var target = new EventTarget();
    var queue = [];
    var worker = null;
    target.postMessage = function (data, transfer) {
      if (worker) worker.postMessage(data, transfer);
      else queue.push([data, transfer]);
    };
    target.terminate = function () {
      if (worker) worker.terminate();
      queue = [];
    };
    target.start = function () {
      worker = new Real(url, options);
      worker.addEventListener("message", function (event) {
        target.dispatchEvent(new MessageEvent("message", { data: event.data }));
      });
      worker.addEventListener("error", function (event) {
        target.dispatchEvent(new ErrorEvent("error", { message: event.message, error: event.error }));
      });
      queue.forEach(function (entry) {
        worker.postMessage(entry[0], entry[1]);
      });
      queue = [];
    };
    return target;
  }

  function Worker(url, options) {
    var path = new URL(String(url), window.location.href).pathname;
    if (state.startedBy || waiting || !SEARCH_WORKER.test(path)) return new Real(url, options);
    window.Worker = Real; // Material's search worker is the only one held
    if (!document.querySelector("[data-simulator]")) {
      // Nothing to wait for: Material gets its own worker at once (a stand-in started here
      // would be gone before it was returned, and Material would call a bare object).
      state.startedBy = "no simulator";
      return new Real(url, options);
    }
    waiting = Later(url, options);
    setTimeout(start, DEADLINE_MS, "deadline");
    return waiting;
  }
  Worker.prototype = Real.prototype;
  window.Worker = Worker;
  window.addEventListener("load", function () {
    window.Worker = Real; // Material mounts its search at DOMContentLoaded; nothing after
  });

  // The reader goes to the search box: focus in it, or its toggle on small screens.
  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest(".md-search")) start("reader");
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search") start("reader");
  });
})();
