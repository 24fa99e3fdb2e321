// Shown only if the app fails before it starts (for example the WebAssembly module cannot be
// loaded). Uses textContent only: nothing here is interpreted as HTML.
(function () {
  function fail(message) {
    var boot = document.getElementById('boot');
    if (!boot || document.documentElement.dataset.cairnStarted) return;
    boot.className = 'boot boot-failed';
    boot.setAttribute('role', 'alert');
    boot.textContent = 'Cairn could not start: ' + message +
      '. Your saved roadmaps are untouched in this browser. Try reloading the page; if it keeps failing, use a current version of Chrome, Edge, Firefox or Safari.';
  }
  window.addEventListener('error', function (e) { fail(e.message || 'a script failed to load'); });
  window.addEventListener('unhandledrejection', function (e) {
    fail((e.reason && (e.reason.message || String(e.reason))) || 'the app module failed to load');
  });
})();
