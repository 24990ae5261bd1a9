// Runs before the app: on a host that does not send the cross-origin isolation headers, installs
// coi-sw.js (which adds them) and reloads the page once so that it comes back isolated. It
// never loops: it reloads at most once per tab, and not at all if the page is already
// isolated, sits in a frame (a frame cannot be isolated this way), or service workers are
// unavailable. Without it every mode but the Threads modes still works.
(function () {
  if (self.crossOriginIsolated || !window.isSecureContext || !('serviceWorker' in navigator)) return;
  try {
    if (window.top !== window) return;
    var key = 'cp-coi-reloaded';
    var script = new URL('coi-sw.js', document.currentScript.src).href;
    navigator.serviceWorker.register(script).then(function (registration) {
      // Controlled but still not isolated: the worker cannot help in this browser.
      if (navigator.serviceWorker.controller) return;
      if (sessionStorage.getItem(key)) return;
      sessionStorage.setItem(key, '1');
      var reload = function () { location.reload(); };
      if (registration.active) reload();
      else navigator.serviceWorker.addEventListener('controllerchange', reload, { once: true });
    }, function () {});
  } catch (error) {
    // Storage or service workers refused (a sandboxed frame): run without isolation.
  }
})();
