//VERSION=3
// Recurses without end. Only the 2015-07-31 orbit misbehaves, so its interval fails and the others succeed.
function setup() {
  return {
    input: [{ bands: ["B04", "B08", "dataMask"] }],
    output: [{ id: "ndvi", bands: 1, sampleType: "FLOAT32" }, { id: "dataMask", bands: 1 }],
    mosaicking: "ORBIT"
  };
}

function isBadDay(scenes) {
  return scenes.orbits.length > 0 && scenes.orbits[0].dateFrom.indexOf("2015-07-31") === 0;
}

function deeper(n) { return deeper(n + 1) + 1; }

function evaluatePixel(samples, scenes) {
  if (isBadDay(scenes)) {
    return deeper(0);
  }
  var s = samples.length > 0 ? samples[0] : { B04: 0, B08: 0, dataMask: 0 };
  var sum = s.B08 + s.B04;
  return { ndvi: [sum === 0 ? 0 : (s.B08 - s.B04) / sum], dataMask: [s.dataMask] };
}
