//VERSION=3
// Two outputs named v.
function setup() {
  return { input: ["B04", "dataMask"], output: [{ id: "v", bands: 1 }, { id: "v", bands: 1 }, { id: "dataMask", bands: 1 }] };
}

function evaluatePixel(s) {
  return { v: [s.B04], dataMask: [s.dataMask] };
}
