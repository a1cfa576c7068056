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
          log.insertAdjacentHTML("beforeend", data.html + (data.offer || ""));
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
