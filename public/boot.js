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

// Offline and installable: registers the service worker (sw.js, written at build time by
// scripts/precache.mjs from pwa/sw.js) once the page has loaded. When a new version has
// installed beside the running one, the page is told (`cairn-update-ready`; the app shows a
// notice with a Reload button, which sends `cairn-apply-update`): the new version takes over
// and this page reloads, so the page and every file it loads are always of one version.
(function () {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  var root = document.documentElement;
  var waiting = null;
  var reloading = false;
  function ready(worker) {
    waiting = worker;
    root.dataset.cairnUpdate = 'ready';
    window.dispatchEvent(new Event('cairn-update-ready'));
  }
  window.addEventListener('cairn-apply-update', function () {
    reloading = true;
    if (waiting && waiting.state === 'installed') waiting.postMessage('cairn-activate');
    else location.reload();
  });
  window.addEventListener('load', function () {
    var controlled = !!navigator.serviceWorker.controller;
    navigator.serviceWorker.addEventListener('controllerchange', function () {
      if (!controlled) { controlled = true; return; }
      // The new version is active now: this page reloads into it if it asked to, otherwise
      // (another tab asked) it is told to.
      if (reloading) { location.reload(); return; }
      root.dataset.cairnUpdate = 'elsewhere';
      window.dispatchEvent(new Event('cairn-updated-elsewhere'));
    });
    navigator.serviceWorker.register('sw.js').then(function (registration) {
      function track(worker) {
        worker.addEventListener('statechange', function () {
          if (worker.state === 'installed' && navigator.serviceWorker.controller) ready(worker);
        });
      }
      if (registration.waiting && navigator.serviceWorker.controller) ready(registration.waiting);
      if (registration.installing) track(registration.installing);
      registration.addEventListener('updatefound', function () {
        if (registration.installing) track(registration.installing);
      });
      // A workshop can last all day: look for a new version every hour (quietly offline).
      setInterval(function () { registration.update().catch(function () {}); }, 3600 * 1000);
    }).catch(function (e) {
      console.warn('Cairn works online only in this browser: the offline copy could not be set up (' + (e && e.message) + ').');
    });
  });
})();
