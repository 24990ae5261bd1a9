// The page's own error reporting, for browsers whose driver cannot report a page's errors
// (WebKitWebDriver speaks classic WebDriver only): a script that the test server puts first in
// every HTML page it serves, as a file of the page's origin (/__cp/page-errors.js), since the
// page's Content-Security-Policy refuses inline scripts. It keeps uncaught errors, unhandled
// rejections and console.error calls in `self.__cpErrors`, which lib/webkit.mjs drains after
// every command it runs in the page. In Chromium and Firefox it changes nothing: their drivers
// report the same errors. It also reports every violation of the page's Content-Security-Policy
// (a `securitypolicyviolation` event) as a console error, in every browser, and keeps them in
// `self.__cpViolations` (e2e/csp.test.mjs counts them).

export const COLLECTOR_PATH = '/__cp/page-errors.js';

export const COLLECTOR_SOURCE = `(function () {
  if (self.__cpErrors) return;
  var errors = self.__cpErrors = [];
  var violations = self.__cpViolations = [];
  var text = function (x) { return x && x.message !== undefined ? String(x.message) : String(x); };
  addEventListener('error', function (e) { errors.push({ kind: 'pageerror', text: e.message || text(e.error) }); });
  addEventListener('unhandledrejection', function (e) { errors.push({ kind: 'pageerror', text: text(e.reason) }); });
  var original = console.error;
  console.error = function () {
    errors.push({ kind: 'console', text: Array.prototype.map.call(arguments, text).join(' ') });
    return original.apply(this, arguments);
  };
  document.addEventListener('securitypolicyviolation', function (e) {
    var what = e.effectiveDirective + ' refused ' + (e.blockedURI || '(inline)') + ' at ' + e.sourceFile + ':' + e.lineNumber + (e.sample ? ' (' + e.sample + ')' : '');
    violations.push(what);
    console.error('Content-Security-Policy violation: ' + what);
  });
})();
`;

export const COLLECTOR = `<script src="${COLLECTOR_PATH}"></script>`;

// `html` with the collector first in its head (or first of all if it has no head).
export function withCollector(html) {
  const text = String(html);
  const head = text.match(/<head[^>]*>/i);
  if (!head) return COLLECTOR + text;
  const at = head.index + head[0].length;
  return text.slice(0, at) + COLLECTOR + text.slice(at);
}
