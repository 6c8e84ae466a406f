//VERSION=3
// Security probe (job B): v = 1 only when nothing job A did is visible.
function setup() {
  return { input: ["B04", "dataMask"], output: [{ id: "v", bands: 1 }, { id: "dataMask", bands: 1 }] };
}

function evaluatePixel(s) {
  var clean = ({}).polluted === undefined && [].sum === undefined && Math.max(1, 2) === 2 && JSON.stringify(1) === "1";
  return { v: [clean ? 1 : 0], dataMask: [s.dataMask] };
}
