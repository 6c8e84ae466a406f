//VERSION=3
// An unknown mosaicking mode.
function setup() {
  return { input: ["B04", "dataMask"], output: [{ id: "v", bands: 1 }, { id: "dataMask", bands: 1 }], mosaicking: "SOMETIMES" };
}

function evaluatePixel(s) {
  return { v: [s.B04], dataMask: [s.dataMask] };
}
