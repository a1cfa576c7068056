// Smart Minutes: record a meeting in the browser.
//
// MediaRecorder makes the recording (WebM/Opus, Ogg/Opus or MP4, whichever the browser has)
// and each second's chunk is written to IndexedDB as it comes, so a crash or a reload loses
// nothing: on load, a recording not yet uploaded is offered for upload or discarding. The
// finished recording goes up through the page's own upload form (same checks, same job), and
// IndexedDB is cleared only once the server has answered that the meeting exists.
//
// Live captions: an AudioWorklet hands the microphone's samples to the page; every few seconds
// the newest piece is downsampled to 16 kHz mono, sent as a WAV file and its words appended to
// the captions. Only one piece is in flight: a piece ready while the last is still out is
// skipped, never queued. Texts come from the section's data attributes (translated).
(function () {
  "use strict";

  var DB_NAME = "aiplus-meetings-recorder";
  var PIECE_SECONDS = 6;
  var CAPTION_RATE = 16000;
  var TYPES = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/webm", "audio/mp4"];

  /* --- IndexedDB: "recordings" (one row per recording) and "chunks" (its pieces, in order) --- */

  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = window.indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        var db = request.result;
        db.createObjectStore("recordings", { keyPath: "id" });
        db.createObjectStore("chunks", { autoIncrement: true }).createIndex("recording", "recording");
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function finished(tx) {
    return new Promise(function (resolve, reject) {
      tx.oncomplete = function () { resolve(); };
      tx.onerror = tx.onabort = function () { reject(tx.error); };
    });
  }

  function asked(request) {
    return new Promise(function (resolve, reject) {
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function saveRecording(db, row, chunk) {
    var tx = db.transaction(["recordings", "chunks"], "readwrite");
    if (chunk) { tx.objectStore("chunks").add({ recording: row.id, blob: chunk }); }
    tx.objectStore("recordings").put(row);
    return finished(tx);
  }

  function keptRecording(db) {
    var tx = db.transaction("recordings", "readonly");
    return asked(tx.objectStore("recordings").getAll()).then(function (rows) {
      rows.sort(function (a, b) { return b.startedAt - a.startedAt; });
      return rows[0] || null;
    });
  }

  function chunksOf(db, id) {
    var tx = db.transaction("chunks", "readonly");
    return asked(tx.objectStore("chunks").index("recording").getAll(id)).then(function (rows) {
      return rows.map(function (row) { return row.blob; });
    });
  }

  function removeRecording(db, id) {
    var tx = db.transaction(["recordings", "chunks"], "readwrite");
    tx.objectStore("recordings").delete(id);
    var index = tx.objectStore("chunks").index("recording");
    asked(index.getAllKeys(id)).then(function (keys) {
      keys.forEach(function (key) { tx.objectStore("chunks").delete(key); });
    });
    return finished(tx);
  }

  /* --- Audio helpers --------------------------------------------------------------------- */

  function downsample(samples, from, to) {
    if (from === to) { return samples; }
    var ratio = from / to;
    var out = new Float32Array(Math.floor(samples.length / ratio));
    for (var i = 0; i < out.length; i++) {
      var start = Math.floor(i * ratio), end = Math.min(samples.length, Math.floor((i + 1) * ratio));
      var sum = 0;
      for (var j = start; j < end; j++) { sum += samples[j]; }
      out[i] = sum / Math.max(1, end - start);
    }
    return out;
  }

  function wavFile(samples, rate) {
    var view = new DataView(new ArrayBuffer(44 + samples.length * 2));
    function text(offset, value) {
      for (var i = 0; i < value.length; i++) { view.setUint8(offset + i, value.charCodeAt(i)); }
    }
    text(0, "RIFF");
    view.setUint32(4, 36 + samples.length * 2, true);
    text(8, "WAVE");
    text(12, "fmt ");
    view.setUint32(16, 16, true);
    view.setUint16(20, 1, true); // PCM
    view.setUint16(22, 1, true); // mono
    view.setUint32(24, rate, true);
    view.setUint32(28, rate * 2, true);
    view.setUint16(32, 2, true);
    view.setUint16(34, 16, true);
    text(36, "data");
    view.setUint32(40, samples.length * 2, true);
    for (var i = 0; i < samples.length; i++) {
      var s = Math.max(-1, Math.min(1, samples[i]));
      view.setInt16(44 + i * 2, s < 0 ? s * 0x8000 : s * 0x7fff, true);
    }
    return new Blob([view], { type: "audio/wav" });
  }

  function joined(parts, length) {
    var out = new Float32Array(length), at = 0;
    parts.forEach(function (part) { out.set(part, at); at += part.length; });
    return out;
  }

  function clock(seconds) {
    seconds = Math.floor(seconds);
    var h = Math.floor(seconds / 3600), m = Math.floor(seconds / 60) % 60, s = seconds % 60;
    var tail = (h ? String(m).padStart(2, "0") : String(m)) + ":" + String(s).padStart(2, "0");
    return h ? h + ":" + tail : tail;
  }

  function suffixFor(type) {
    if (type.indexOf("ogg") !== -1) { return "ogg"; }
    if (type.indexOf("mp4") !== -1) { return "m4a"; }
    return "webm";
  }

  /* --- The recorder ---------------------------------------------------------------------- */

  function init(root) {
    var texts = root.dataset;
    var message = root.querySelector("[data-recorder-message]");
    var panel = root.querySelector("[data-recorder-panel]");
    var status = root.querySelector("[data-recorder-status]");
    var elapsed = root.querySelector("[data-recorder-elapsed]");
    var meter = root.querySelector("[data-recorder-level]");
    var captions = root.querySelector("[data-recorder-captions]");
    var buttons = {};
    ["start", "pause", "resume", "stop", "upload", "discard"].forEach(function (name) {
      buttons[name] = root.querySelector("[data-recorder-" + name + "]");
    });
    var fileInput = document.querySelector("input[type=file][name=file]");
    var form = fileInput && fileInput.form;
    var language = form && form.elements.namedItem("language");

    var supported = !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia &&
      window.MediaRecorder && window.AudioContext && form);
    if (!supported) {
      message.textContent = texts.unsupportedText;
      return;
    }
    message.textContent = texts.readyText;
    panel.hidden = false;

    var state = "idle"; // idle, recording, paused, stopped (or kept from an earlier visit), uploading
    var db = null;
    var row = null; // this recording's row in IndexedDB
    var chunks = []; // the same chunks, in memory, in case IndexedDB fails
    var writes = Promise.resolve();
    var storageFailed = false;
    var recorder = null, stream = null, context = null, analyser = null;
    var ticker = null, recordedMs = 0, since = 0;
    var pcm = [], pcmLength = 0, inputRate = 48000;
    var captionOut = false, lastNote = "";

    function show(names) {
      Object.keys(buttons).forEach(function (name) { buttons[name].hidden = names.indexOf(name) === -1; });
    }

    function say(text) { status.textContent = text || ""; }

    function seconds() { return (recordedMs + (state === "recording" ? Date.now() - since : 0)) / 1000; }

    function fields() {
      var kept = {};
      ["title", "held_on", "language", "attendees", "agenda"].forEach(function (name) {
        var field = form.elements.namedItem(name);
        if (field) { kept[name] = field.value; }
      });
      return kept;
    }

    function storageProblem() {
      if (storageFailed) { return; }
      storageFailed = true;
      say(texts.storageFailedText);
    }

    function store(chunk) {
      if (!db || !row) { return; }
      row.seconds = seconds();
      row.fields = fields();
      var snapshot = Object.assign({}, row);
      writes = writes.then(function () { return saveRecording(db, snapshot, chunk); }).catch(storageProblem);
    }

    window.addEventListener("beforeunload", function (event) {
      if (state === "idle") { return; }
      event.preventDefault();
      event.returnValue = "";
    });

    /* Captions */

    function note(text) {
      if (!text || text === lastNote) { return; }
      lastNote = text;
      var p = document.createElement("p");
      p.className = "recorder__note";
      p.textContent = text;
      captions.appendChild(p);
    }

    function sendPiece() {
      var samples = joined(pcm, pcmLength);
      pcm = [];
      pcmLength = 0;
      if (captionOut || samples.length < inputRate) { return; } // busy, or under a second: skipped
      captionOut = true;
      var body = new FormData();
      body.append("audio", wavFile(downsample(samples, inputRate, CAPTION_RATE), CAPTION_RATE), "piece.wav");
      body.append("language", language ? language.value : "auto");
      fetch(texts.captionsUrl, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": form.elements.namedItem("csrfmiddlewaretoken").value, Accept: "application/json" }
      })
        .then(function (response) {
          return response.json().then(function (data) { return { ok: response.ok, data: data }; });
        })
        .then(function (answer) {
          if (answer.data.skipped) { return; }
          if (!answer.ok) { note(answer.data.error || texts.captionsFailedText); return; }
          if (answer.data.text) {
            var p = document.createElement("p");
            p.textContent = answer.data.text;
            captions.appendChild(p);
            lastNote = "";
          }
        })
        .catch(function () { note(texts.captionsFailedText); })
        .then(function () { captionOut = false; });
    }

    function tapCaptions(source) {
      if (!context.audioWorklet || !window.AudioWorkletNode) { return; }
      context.audioWorklet.addModule(texts.workletUrl).then(function () {
        var tap = new AudioWorkletNode(context, "caption-tap");
        var mute = context.createGain();
        mute.gain.value = 0;
        source.connect(tap);
        tap.connect(mute);
        mute.connect(context.destination); // so that the browser runs the tap
        tap.port.onmessage = function (event) {
          if (state !== "recording") { return; }
          pcm.push(event.data);
          pcmLength += event.data.length;
          if (pcmLength >= inputRate * PIECE_SECONDS) { sendPiece(); }
        };
      }).catch(function () { note(texts.captionsFailedText); });
    }

    /* Level and time */

    function tick() {
      elapsed.textContent = clock(seconds());
      if (!analyser) { return; }
      var data = new Float32Array(analyser.fftSize);
      analyser.getFloatTimeDomainData(data);
      var sum = 0;
      for (var i = 0; i < data.length; i++) { sum += data[i] * data[i]; }
      meter.value = Math.min(1, Math.sqrt(sum / data.length) * 4);
    }

    /* Buttons */

    function start() {
      buttons.start.disabled = true;
      // Made in the click itself: browsers start an audio context only in answer to the user.
      context = new window.AudioContext();
      navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: false, noiseSuppression: true } })
        .then(function (microphone) {
          stream = microphone;
          var type = TYPES.filter(function (t) { return window.MediaRecorder.isTypeSupported(t); })[0] || "";
          recorder = type ? new window.MediaRecorder(stream, { mimeType: type }) : new window.MediaRecorder(stream);
          row = { id: String(Date.now()), startedAt: Date.now(), mimeType: recorder.mimeType || type, seconds: 0, fields: fields() };
          chunks = [];
          captions.textContent = "";
          lastNote = "";
          recorder.ondataavailable = function (event) {
            if (!event.data || !event.data.size) { return; }
            chunks.push(event.data);
            store(event.data);
          };
          recorder.onstop = stopped;
          context.resume();
          inputRate = context.sampleRate;
          var source = context.createMediaStreamSource(stream);
          analyser = context.createAnalyser();
          analyser.fftSize = 2048;
          source.connect(analyser);
          tapCaptions(source);
          recorder.start(1000);
          recordedMs = 0;
          since = Date.now();
          state = "recording";
          store(null);
          ticker = window.setInterval(tick, 100);
          show(["pause", "stop"]);
          buttons.start.disabled = false;
          buttons.pause.focus();
          say(texts.recordingText);
        })
        .catch(function () {
          context.close();
          buttons.start.disabled = false;
          say(texts.noMicrophoneText);
        });
    }

    function pause() {
      recorder.pause();
      recordedMs += Date.now() - since;
      state = "paused";
      sendPiece(); // what was said before the pause (a piece under a second is dropped)
      show(["resume", "stop"]);
      buttons.resume.focus();
      say(texts.pausedText);
    }

    function resume() {
      recorder.resume();
      since = Date.now();
      state = "recording";
      show(["pause", "stop"]);
      buttons.pause.focus();
      say(texts.recordingText);
    }

    function stop() {
      if (state === "recording") {
        recordedMs += Date.now() - since;
        sendPiece();
      }
      state = "stopped";
      recorder.stop(); // the last chunk arrives, then `stopped`
    }

    function stopped() {
      stream.getTracks().forEach(function (track) { track.stop(); });
      window.clearInterval(ticker);
      tick();
      context.close();
      analyser = null;
      meter.value = 0;
      if (row) { row.stopped = true; store(null); }
      show(["upload", "discard"]);
      buttons.upload.focus();
      say(texts.stoppedText.replace("%(time)s", clock(recordedMs / 1000)));
    }

    function recordingBlob() {
      var type = (row && row.mimeType) || "audio/webm";
      var inMemory = chunks.length ? Promise.resolve(chunks) : Promise.resolve([]);
      return writes.then(function () { return inMemory; }).then(function (parts) {
        if (parts.length || !db || !row) { return parts; }
        return chunksOf(db, row.id);
      }).then(function (parts) { return new Blob(parts, { type: type.split(";")[0] }); });
    }

    function upload() {
      fileInput.required = false; // the recording stands in for the file
      var valid = form.reportValidity();
      fileInput.required = true;
      if (!valid) { return; }
      state = "uploading";
      buttons.upload.disabled = buttons.discard.disabled = true;
      say(texts.uploadingText);
      recordingBlob().then(function (blob) {
        var body = new FormData(form);
        body.delete("file");
        body.append("file", blob, "recording." + suffixFor(blob.type));
        return fetch(form.getAttribute("action") || window.location.href, {
          method: "POST",
          body: body,
          credentials: "same-origin",
          headers: { Accept: "application/json" }
        });
      }).then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      }).then(function (answer) {
        if (!answer.ok || !answer.data.url) {
          throw { refused: (answer.data.errors || []).join(" ") };
        }
        var cleared = db && row ? removeRecording(db, row.id) : Promise.resolve();
        return cleared.catch(function () { /* the server has it: nothing is lost */ }).then(function () {
          state = "idle";
          window.location.assign(answer.data.url);
        });
      }).catch(function (error) {
        state = "stopped";
        buttons.upload.disabled = buttons.discard.disabled = false;
        say((error && error.refused) || texts.uploadFailedText); // refused, or not answered
      });
    }

    function discard() {
      if (!window.confirm(texts.discardConfirmText)) { return; }
      var cleared = db && row ? removeRecording(db, row.id) : Promise.resolve();
      cleared.catch(storageProblem).then(function () {
        row = null;
        chunks = [];
        state = "idle";
        elapsed.textContent = clock(0);
        show(["start"]);
        buttons.start.focus();
        say(texts.discardedText);
      });
    }

    buttons.start.addEventListener("click", start);
    buttons.pause.addEventListener("click", pause);
    buttons.resume.addEventListener("click", resume);
    buttons.stop.addEventListener("click", stop);
    buttons.upload.addEventListener("click", upload);
    buttons.discard.addEventListener("click", discard);
    show(["start"]);

    /* A recording left from an earlier visit (a reload, a crash): upload it or discard it. */
    if (!window.indexedDB) { storageProblem(); return; }
    openDb().then(function (opened) {
      db = opened;
      return keptRecording(db);
    }).then(function (kept) {
      if (!kept) { return null; }
      return chunksOf(db, kept.id).then(function (parts) {
        if (parts.length) { return kept; }
        return removeRecording(db, kept.id).then(function () { return null; }); // nothing was heard
      });
    }).then(function (kept) {
      if (!kept || state !== "idle") { return; }
      row = kept;
      chunks = [];
      recordedMs = (kept.seconds || 0) * 1000;
      state = "stopped";
      elapsed.textContent = clock(kept.seconds || 0);
      Object.keys(kept.fields || {}).forEach(function (name) {
        var field = form.elements.namedItem(name);
        if (field && !field.value && kept.fields[name]) { field.value = kept.fields[name]; }
      });
      show(["upload", "discard"]);
      say(texts.keptText.replace("%(time)s", clock(kept.seconds || 0))
        .replace("%(date)s", new Date(kept.startedAt).toLocaleString(document.documentElement.lang)));
    }).catch(storageProblem);
  }

  document.querySelectorAll("[data-recorder]").forEach(init);
})();
