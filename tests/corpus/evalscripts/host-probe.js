//VERSION=3
// Security probe: every way to reach the host must be absent. v = 1 only when all probes found nothing.
function probe(f) {
  try { var r = f(); return r === undefined || r === null ? 0 : 1; } catch (e) { return 0; }
}

function setup() {
  return { input: ["B04", "dataMask"], output: [{ id: "v", bands: 1 }, { id: "dataMask", bands: 1 }] };
}

function evaluatePixel(s) {
  var leaks = 0;
  leaks += probe(function () { return importNamespace("System.IO"); });
  leaks += probe(function () { return System; });
  leaks += probe(function () { return require("fs"); });
  leaks += probe(function () { return setTimeout; });
  leaks += probe(function () { return setInterval; });
  leaks += probe(function () { return fetch; });
  leaks += probe(function () { return XMLHttpRequest; });
  leaks += probe(function () { return process; });
  leaks += probe(function () { return globalThis.constructor.constructor("return process")(); });
  leaks += probe(function () { return Function("return this.process || this.System || this.importNamespace")(); });
  leaks += probe(function () { return globalThis.clrTypes; });
  return { v: [leaks === 0 ? 1 : 0], dataMask: [1] };
}
