// On small screens the main navigation and a listing's filters fold behind a button
// ([data-toggles] with aria-controls). Without JavaScript the buttons stay hidden and
// everything stays open, so every link and filter is always reachable. Clicks are delegated,
// so buttons inside parts that htmx swaps in keep working.
(function () {
  document.documentElement.classList.add("has-toggles");
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-toggles]");
    if (!button) return;
    var target = document.getElementById(button.getAttribute("aria-controls"));
    if (!target) return;
    var open = button.getAttribute("aria-expanded") === "true";
    button.setAttribute("aria-expanded", open ? "false" : "true");
    target.classList.toggle("is-open", !open);
  });
})();
