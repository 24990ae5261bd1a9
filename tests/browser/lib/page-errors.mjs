// The page's own error reporting, for browsers whose driver cannot report a page's errors
// (WebKitWebDriver speaks classic WebDriver only): a script that the test server puts first in
// every HTML page it serves. It keeps uncaught errors, unhandled rejections and console.error
// calls in `self.__cpErrors`, which lib/webkit.mjs drains after every command it runs in the
// page. In Chromium and Firefox it changes nothing: their drivers report the same errors.

export const COLLECTOR = `<script>(function () {
  if (self.__cpErrors) return;
  var errors = self.__cpErrors = [];
  var text = function (x) { return x && x.message !== undefined ? String(x.message) : String(x); };
  addEventListener('error', function (e) { errors.push({ kind: 'pageerror', text: e.message || text(e.error) }); });
  addEventListener('unhandledrejection', function (e) { errors.push({ kind: 'pageerror', text: text(e.reason) }); });
  var original = console.error;
  console.error = function () {
    errors.push({ kind: 'console', text: Array.prototype.map.call(arguments, text).join(' ') });
    return original.apply(this, arguments);
  };
})();</script>`;

// `html` with the collector first in its head (or first of all if it has no head).
export function withCollector(html) {
  const text = String(html);
  const head = text.match(/<head[^>]*>/i);
  if (!head) return COLLECTOR + text;
  const at = head.index + head[0].length;
  return text.slice(0, at) + COLLECTOR + text.slice(at);
}
