// Cairn's service worker: after one visit the app loads and works with the network off.
//
// scripts/precache.mjs (a trunk post-build hook) writes this file into the build as `sw.js`
// with the build's version and the list of every file the page loads (their names carry
// content hashes, so the list is only known after the build).
//
// One cache per version and per scope: the page (index.html) and everything it loads come
// from the same version's cache, never a mix of old JavaScript and new WebAssembly. A new
// version installs beside the running one and waits; the page offers a reload, and only
// then does the new version take over (and delete the older caches of its scope).
// All addresses are relative to the worker's scope, so the same build works at / and under
// any sub-path.
const VERSION = '__CAIRN_VERSION__';
const FILES = __CAIRN_FILES__;

const SCOPE = new URL(self.registration.scope);
const PREFIX = `cairn:${SCOPE.pathname}:`;
const CACHE = PREFIX + VERSION;
const address = (file) => new URL(file, SCOPE).href;
const PRECACHED = new Set(FILES.map(address));
const PAGE = address('index.html');

self.addEventListener('install', (event) => {
  // `cache: 'reload'`: straight from the server, never an older copy from the HTTP cache.
  event.waitUntil(caches.open(CACHE).then((cache) =>
    cache.addAll(FILES.map((file) => new Request(address(file), { cache: 'reload' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(
    keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE).map((key) => caches.delete(key)))));
});

self.addEventListener('message', (event) => {
  if (event.data === 'cairn-activate') self.skipWaiting();
  if (event.data === 'cairn-version' && event.source) event.source.postMessage({ cairnVersion: VERSION });
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.hash = '';
  let key = null;
  if (request.mode === 'navigate') {
    // The app is one page: its address, with or without index.html and any query.
    if (url.origin === SCOPE.origin && (url.pathname === SCOPE.pathname || url.pathname === `${SCOPE.pathname}index.html`)) key = PAGE;
  } else {
    url.search = '';
    if (PRECACHED.has(url.href)) key = url.href;
  }
  if (!key) return;
  // This version's copy; the network only if the browser dropped the cache.
  event.respondWith(caches.open(CACHE).then((cache) => cache.match(key)).then((hit) => hit || fetch(request)));
});
