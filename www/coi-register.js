// Runs before the app: on a host that does not send the cross-origin isolation headers, installs
// coi-sw.js (which adds them) and reloads the page once so that it comes back isolated.
// - A top-level page: every browser with service workers comes back isolated (COOP and COEP).
// - A page in a frame (a course page): only a browser that supports Document-Isolation-Policy
//   (Chromium 137 and later on desktop, 146 on Android) can isolate it, so only there does it
//   register and reload; elsewhere it does nothing and the Threads modes say why.
// It never loops: it reloads at most once per tab (per frame's session), not at all if the page
// is already isolated, already controlled by the worker, or service workers or storage are
// unavailable (a sandboxed frame). Without it every mode but the Threads modes still works.
// Until it has decided, `self.cpIsolationSettled` is a pending promise, which the app awaits
// before it starts any worker; it stays pending while the reload is coming (at most 5 s).
(function () {
  var settle;
  self.cpIsolationSettled = new Promise(function (resolve) { settle = resolve; });
  var guard = setTimeout(settle, 5000);
  var settled = function () { clearTimeout(guard); settle(); };
  if (self.crossOriginIsolated || !window.isSecureContext || !('serviceWorker' in navigator)) return settled();
  // The same rule as dip_supported in src/model/isolation.rs.
  function supportsDocumentIsolationPolicy() {
    var match = /Chrome\/(\d+)/.exec(navigator.userAgent);
    return !!match && Number(match[1]) >= (/Android/.test(navigator.userAgent) ? 146 : 137);
  }
  try {
    if (window.top !== window && !supportsDocumentIsolationPolicy()) return settled();
    var key = 'cp-coi-reloaded';
    // The address the page was opened with: the app soon rewrites it without run=1, and the
    // reload must run what the link asked for.
    var address = location.href;
    var script = new URL('coi-sw.js', document.currentScript.src).href;
    navigator.serviceWorker.register(script).then(function (registration) {
      // Controlled but still not isolated: the worker cannot help in this browser.
      if (navigator.serviceWorker.controller) return settled();
      if (sessionStorage.getItem(key)) return settled();
      sessionStorage.setItem(key, '1');
      var reload = function () {
        history.replaceState(history.state, '', address);
        location.reload();
      };
      if (registration.active) reload();
      else navigator.serviceWorker.addEventListener('controllerchange', reload, { once: true });
    }, settled);
  } catch (error) {
    // Storage or service workers refused (a sandboxed frame): run without isolation.
    settled();
  }
})();
