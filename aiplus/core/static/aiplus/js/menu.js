// On small screens the main navigation folds behind a "Menu" button. Without JavaScript the
// button stays hidden and the navigation stays open, so every link is always reachable.
(function () {
  var button = document.querySelector("[data-menu-button]");
  var nav = document.getElementById("site-nav-list");
  if (!button || !nav) return;
  document.documentElement.classList.add("has-menu-button");
  button.hidden = false;
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") === "true";
    button.setAttribute("aria-expanded", open ? "false" : "true");
    nav.classList.toggle("site-nav__list--open", !open);
  });
})();
