//VERSION=3
// setup() itself throws: analysis fails.
function setup() {
  throw new Error("corpus: setup refuses");
}

function evaluatePixel(s) {
  return { v: [1], dataMask: [1] };
}
