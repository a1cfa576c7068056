{% load i18n hub %}/* The AI+ Hub assistant on this page: a button that opens it in a frame served by the hub. */
(function () {
  "use strict";
  var frameUrl = "{{ frame_url|escapejs }}";
  var label = "{{ assistant|loc:'name'|escapejs }}";
  var closeLabel = "{% filter escapejs %}{% translate 'Close' %}{% endfilter %}";
  var open = false;
  var panel = null;
  var button = document.createElement("button");
  button.type = "button";
  button.textContent = label;
  button.setAttribute("aria-expanded", "false");
  button.style.cssText = "position:fixed;right:16px;bottom:16px;z-index:2147483000;padding:12px 18px;" +
    "border:2px solid #fff;border-radius:24px;background:#00558c;color:#fff;font:600 16px/1.2 sans-serif;cursor:pointer";
  function toggle() {
    open = !open;
    button.setAttribute("aria-expanded", String(open));
    if (open && !panel) {
      panel = document.createElement("div");
      panel.setAttribute("role", "dialog");
      panel.setAttribute("aria-label", label);
      panel.style.cssText = "position:fixed;right:16px;bottom:72px;z-index:2147483000;width:min(420px,calc(100vw - 32px));" +
        "height:min(620px,calc(100vh - 96px));background:#fff;border:1px solid #555;border-radius:8px;overflow:hidden;" +
        "box-shadow:0 4px 16px rgba(0,0,0,.3);display:flex;flex-direction:column";
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = closeLabel;
      close.style.cssText = "align-self:flex-end;margin:4px;padding:6px 10px;font:14px sans-serif";
      close.addEventListener("click", toggle);
      var frame = document.createElement("iframe");
      frame.src = frameUrl;
      frame.title = label;
      frame.allow = "microphone";
      frame.style.cssText = "flex:1;border:0;width:100%";
      panel.appendChild(close);
      panel.appendChild(frame);
      document.body.appendChild(panel);
      frame.focus();
    } else if (panel) {
      panel.hidden = !open;
      if (!open) { button.focus(); }
    }
  }
  button.addEventListener("click", toggle);
  document.addEventListener("keydown", function (event) {
    if (open && event.key === "Escape") { toggle(); }
  });
  function mount() { document.body.appendChild(button); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", mount); } else { mount(); }
})();
