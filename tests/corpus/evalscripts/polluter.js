//VERSION=3
// Security probe (job A): pollutes shared prototypes and built-ins.
Object.prototype.polluted = 7;
Array.prototype.sum = function () { return 99; };
Math.max = function () { return 99; };
JSON.stringify = function () { return "hijacked"; };

function setup() {
  return { input: ["B04", "dataMask"], output: [{ id: "v", bands: 1 }, { id: "dataMask", bands: 1 }] };
}

function evaluatePixel(s) {
  return { v: [1], dataMask: [s.dataMask] };
}
