// Smart Minutes: the transcript and the recording move together. A turn's time button plays
// the recording from that turn; while the recording plays, the turn being spoken is marked;
// following a citation ([12]) marks that turn and, if there is a recording, plays from it.
(function () {
  "use strict";

  function setUp() {
    var audio = document.getElementById("recording");
    var turns = Array.prototype.slice.call(document.querySelectorAll(".transcript li[data-start]"));
    if (!turns.length) return;
    var starts = turns.map(function (li) { return parseFloat(li.dataset.start); });
    var current = null;

    function mark(li) {
      if (li === current) return;
      if (current) { current.classList.remove("is-playing"); current.removeAttribute("aria-current"); }
      current = li;
      if (li) { li.classList.add("is-playing"); li.setAttribute("aria-current", "true"); }
    }

    function playFrom(li) {
      if (!audio) return;
      audio.currentTime = parseFloat(li.dataset.start);
      audio.play().catch(function () { /* the reader's browser may refuse autoplay */ });
    }

    turns.forEach(function (li) {
      var button = li.querySelector(".transcript__play");
      if (button && audio) {
        button.hidden = false;
        button.addEventListener("click", function () { playFrom(li); mark(li); });
      }
    });

    if (audio) {
      audio.addEventListener("timeupdate", function () {
        var time = audio.currentTime, found = null;
        for (var i = 0; i < starts.length && starts[i] <= time; i++) found = turns[i];
        mark(found);
      });
    }

    function followHash() {
      var li = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (li && li.dataset.start !== undefined) { mark(li); playFrom(li); }
    }
    window.addEventListener("hashchange", followHash);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
