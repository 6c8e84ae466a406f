//VERSION=3
// evaluatePixel without setup().
function evaluatePixel(s) {
  return { v: [s.B04], dataMask: [s.dataMask] };
}
