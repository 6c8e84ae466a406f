//VERSION=3
// The clean baseline: NDVI over the polygon, SIMPLE mosaicking.
function setup() {
  return {
    input: [{ bands: ["B04", "B08", "dataMask"] }],
    output: [{ id: "ndvi", bands: 1, sampleType: "FLOAT32" }, { id: "dataMask", bands: 1 }]
  };
}

function evaluatePixel(s) {
  var sum = s.B08 + s.B04;
  return { ndvi: [sum === 0 ? 0 : (s.B08 - s.B04) / sum], dataMask: [s.dataMask] };
}
