//VERSION=3
// B99 does not exist in sentinel-2-l1c.
function setup() {
  return { input: ["B99", "dataMask"], output: [{ id: "v", bands: 1 }, { id: "dataMask", bands: 1 }] };
}

function evaluatePixel(s) {
  return { v: [s.B99], dataMask: [s.dataMask] };
}
