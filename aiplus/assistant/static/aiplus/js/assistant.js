/* The assistant's chat: asks without leaving the page, shows the sources at once, waits its
   turn in the queue (saying its place), then streams the answer sentence by sentence. Without
   JavaScript the form posts and the page comes back with the whole answer. */
(function () {
  "use strict";

  function init(root) {
    var form = root.querySelector("#assistant-form");
    var log = root.querySelector("#assistant-log");
    var queue = root.querySelector("#assistant-queue");
    var question = root.querySelector("#assistant-question");
    var conversation = form.querySelector("input[name=conversation]");
    var button = form.querySelector("button[type=submit]");
    var busy = false;

    function say(text) {
      queue.hidden = !text;
      queue.textContent = text || "";
    }

    function finish(exchangeId, html) {
      var old = log.querySelector('[data-exchange="' + exchangeId + '"]');
      var holder = document.createElement("div");
      holder.innerHTML = html;
      if (old && holder.firstElementChild) { old.replaceWith(holder.firstElementChild); }
      busy = false;
      button.disabled = false;
      say("");
    }

    function streamAnswer(data, exchangeId) {
      var source = new EventSource(data.stream_url);
      var article = log.querySelector('[data-exchange="' + exchangeId + '"]');
      var answer = article.querySelector("[data-answer]");
      var started = false;
      source.addEventListener("sentence", function (event) {
        if (!started) { answer.innerHTML = ""; started = true; }
        answer.insertAdjacentHTML("beforeend", JSON.parse(event.data));
      });
      source.addEventListener("done", function (event) {
        source.close();
        finish(exchangeId, JSON.parse(event.data));
      });
      source.onerror = function () {
        source.close();
        fetch(data.done_url, { credentials: "same-origin" })
          .then(function (r) { return r.text(); })
          .then(function (html) { finish(exchangeId, html); });
      };
    }

    function waitTurn(data, exchangeId) {
      fetch(data.wait_url, { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (state) {
          if (state.ready) {
            say("");
            streamAnswer(data, exchangeId);
            return;
          }
          say(root.dataset.queueText.replace("%(ahead)s", state.ahead));
          window.setTimeout(function () { waitTurn(data, exchangeId); }, 1500);
        })
        .catch(function () { window.setTimeout(function () { waitTurn(data, exchangeId); }, 3000); });
    }

    form.addEventListener("submit", function (event) {
      if (!window.fetch || !window.EventSource) { return; }
      event.preventDefault();
      if (busy || !question.value.trim()) { return; }
      busy = true;
      button.disabled = true;
      var body = new FormData(form);
      fetch(form.action, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" }
      })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          if (data.error) {
            say(data.error);
            busy = false;
            button.disabled = false;
            return;
          }
          conversation.value = data.conversation;
          try { window.sessionStorage.setItem("assistant:" + root.dataset.slug, data.conversation); } catch (e) { /* storage off */ }
          log.insertAdjacentHTML("beforeend", data.html);
          question.value = "";
          var article = log.lastElementChild.matches("[data-exchange]") ? log.lastElementChild : log.querySelector("[data-exchange]:last-of-type");
          var exchangeId = log.querySelectorAll("[data-exchange]");
          exchangeId = exchangeId[exchangeId.length - 1].dataset.exchange;
          if (data.queued) {
            waitTurn(data, exchangeId);
          } else {
            busy = false;
            button.disabled = false;
          }
          if (article) { article.scrollIntoView({ block: "nearest" }); }
        })
        .catch(function () {
          say(root.dataset.errorText);
          busy = false;
          button.disabled = false;
        });
    });

    // The widget's frame keeps its conversation for the browser tab (no cookie is needed).
    if (root.dataset.channel === "widget" && !conversation.value) {
      try {
        var kept = window.sessionStorage.getItem("assistant:" + root.dataset.slug);
        if (kept && window.location.search.indexOf("c=") === -1) {
          window.location.search = "?c=" + encodeURIComponent(kept);
        }
      } catch (e) { /* storage off */ }
    }
  }

  document.querySelectorAll("[data-assistant]").forEach(init);
})();

/* Voice and the digital human: speak a question (recorded in the browser, turned into text by
   the hub), hear an answer with the avatar's mouth following the speech. "Text only" hides
   them all; everything works without them. */
(function () {
  "use strict";
  var MOUTHS = {
    rest: "M38 70 Q50 72 62 70",
    closed: "M38 70 Q50 70 62 70 Q50 71 38 70",
    mid: "M40 68 Q50 76 60 68 Q50 71 40 68",
    open: "M40 66 Q50 86 60 66 Q50 69 40 66",
    wide: "M35 68 Q50 77 65 68 Q50 71 35 68",
    round: "M44 70 Q50 58 56 70 Q50 82 44 70",
    teeth: "M39 69 Q50 74 61 69 Q50 71 39 69"
  };

  function init(root) {
    var avatar = root.querySelector("[data-avatar]");
    var mouth = root.querySelector("[data-mouth]");
    var textOnly = root.querySelector("[data-text-only]");
    var speakButton = root.querySelector("[data-voice]");
    var status = root.querySelector("#assistant-queue");
    var question = root.querySelector("#assistant-question");
    var playing = null;

    avatar.hidden = false;
    function setTextOnly(on) {
      root.classList.toggle("assistant--text-only", on);
      textOnly.setAttribute("aria-pressed", String(on));
      try { window.localStorage.setItem("assistant:text-only", on ? "1" : ""); } catch (e) { /* off */ }
    }
    var kept = "";
    try { kept = window.localStorage.getItem("assistant:text-only") || ""; } catch (e) { /* off */ }
    setTextOnly(kept === "1");
    textOnly.addEventListener("click", function () {
      setTextOnly(!root.classList.contains("assistant--text-only"));
    });

    function showListenButtons() {
      root.querySelectorAll("[data-listen]").forEach(function (button) { button.hidden = false; });
    }
    showListenButtons();
    new MutationObserver(showListenButtons).observe(root.querySelector("#assistant-log"), { childList: true, subtree: true });

    function animate(audio, shapes, frame) {
      function step() {
        if (audio.paused || audio.ended) { mouth.setAttribute("d", MOUTHS.rest); return; }
        var shape = shapes[Math.floor(audio.currentTime / frame)] || "rest";
        mouth.setAttribute("d", MOUTHS[shape] || MOUTHS.rest);
        window.requestAnimationFrame(step);
      }
      window.requestAnimationFrame(step);
    }

    root.addEventListener("click", function (event) {
      var button = event.target.closest("[data-listen]");
      if (!button) { return; }
      if (playing) { playing.pause(); }
      button.disabled = true;
      fetch(button.dataset.listen, { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          button.disabled = false;
          if (data.error) { status.hidden = false; status.textContent = data.error; return; }
          var bytes = Uint8Array.from(window.atob(data.audio), function (c) { return c.charCodeAt(0); });
          var audio = new Audio(URL.createObjectURL(new Blob([bytes], { type: "audio/wav" })));
          playing = audio;
          audio.addEventListener("play", function () { animate(audio, data.shapes, data.frame_seconds); });
          audio.addEventListener("ended", function () { mouth.setAttribute("d", MOUTHS.rest); });
          audio.play();
        })
        .catch(function () { button.disabled = false; });
    });

    if (!speakButton || !navigator.mediaDevices || !window.MediaRecorder) { return; }
    speakButton.hidden = false;
    var recorder = null;
    var chunks = [];
    var timer = null;
    function say(text) { status.hidden = !text; status.textContent = text || ""; }
    speakButton.addEventListener("click", function () {
      if (recorder && recorder.state === "recording") { recorder.stop(); return; }
      navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
        chunks = [];
        recorder = new MediaRecorder(stream);
        recorder.ondataavailable = function (e) { chunks.push(e.data); };
        recorder.onstop = function () {
          window.clearTimeout(timer);
          stream.getTracks().forEach(function (t) { t.stop(); });
          speakButton.textContent = root.dataset.speakText;
          speakButton.setAttribute("aria-pressed", "false");
          say(root.dataset.transcribingText);
          var body = new FormData();
          body.append("audio", new Blob(chunks, { type: recorder.mimeType }), "question.webm");
          fetch(root.dataset.listenUrl, { method: "POST", body: body, credentials: "same-origin" })
            .then(function (r) { return r.json(); })
            .then(function (data) {
              say(data.error || "");
              if (data.text) { question.value = data.text; question.focus(); }
            });
        };
        recorder.start();
        speakButton.textContent = root.dataset.stopText;
        speakButton.setAttribute("aria-pressed", "true");
        say(root.dataset.recordingText);
        timer = window.setTimeout(function () { if (recorder.state === "recording") { recorder.stop(); } }, 60000);
      }).catch(function () { say(root.dataset.errorText); });
    });
  }

  document.querySelectorAll("[data-assistant]").forEach(init);
})();
