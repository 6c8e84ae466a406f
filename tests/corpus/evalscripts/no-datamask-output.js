//VERSION=3
// No dataMask output (S20 requires exactly one).
function setup() {
  return { input: ["B04", "dataMask"], output: [{ id: "v", bands: 1 }] };
}

function evaluatePixel(s) {
  return { v: [s.B04] };
}
