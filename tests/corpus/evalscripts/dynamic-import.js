//VERSION=3
// Security probe: import() is not a module loader here; the script must fail to compile or to run, never load.
function setup() {
  return { input: ["B04", "dataMask"], output: [{ id: "v", bands: 1 }, { id: "dataMask", bands: 1 }] };
}

function evaluatePixel(s) {
  var m = import("fs");
  return { v: [1], dataMask: [1] };
}
