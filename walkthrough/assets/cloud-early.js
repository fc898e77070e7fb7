// ssp-kit: the reader's cloud, before the page's content is parsed (see partials/cloud.html,
// which puts this script right after the cloud selector, whose options are the clouds).
// ?view=<moniker> wins (links from Microsoft Learn carry it), then the choice stored in
// localStorage ("ssp.cloud"), then the page language's default cloud (the select's
// data-default-cloud). walkthrough/assets/cloud.js does the rest: the selector's changes,
// instant navigation, and the "ssp:cloud" event.
(function () {
  "use strict";
  // A deep link into guided practice (#practise=<procedure>&step=N; guide.js reads it):
  // kept before Material's navigation rewrites the hash.
  var hash = new URLSearchParams(window.location.hash.slice(1));
  var practise = hash.get("practise") || new URLSearchParams(window.location.search).get("practise");
  if (practise) window.__sspPractise = { id: practise, step: parseInt(hash.get("step") || "1", 10) || 1 };
  var select = document.getElementById("ssp-cloud-select");
  if (!select) return;
  var clouds = Array.prototype.map.call(select.options, function (o) {
    return o.value;
  });
  var view = new URLSearchParams(window.location.search).get("view");
  var stored = null;
  try {
    stored = window.localStorage.getItem("ssp.cloud");
  } catch (e) {
    stored = null; // storage blocked: the choice lasts for this page only
  }
  var cloud = select.dataset.defaultCloud || clouds[0];
  if (view && clouds.indexOf(view.toLowerCase()) >= 0) cloud = view.toLowerCase();
  else if (stored && clouds.indexOf(stored) >= 0) cloud = stored;
  document.documentElement.dataset.cloud = cloud;
  select.value = cloud;
})();
