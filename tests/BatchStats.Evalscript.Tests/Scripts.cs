namespace BatchStats.Evalscript.Tests;

/// <summary>Reference scripts of evalscript-v3.md (§10, §4), verbatim.</summary>
internal static class Scripts
{
    public const string TutorialNdvi = """

        //VERSION=3

        function setup() {
          return {
            input: [
              {
                bands: [
                  "B04",
                  "B08",
                  "dataMask"
                ]
              }
            ],
            output: [
              {
                id: "ndvi",
                bands: 1
              },
              {
                id: "dataMask",
                bands: 1
              }
            ]
          }
        }

        function evaluatePixel(samples) {
            return {
              ndvi: [index(samples.B08, samples.B04)],
              dataMask: [samples.dataMask]
            };
        }
        """;

    public const string SclMaskedNdvi = """
        //VERSION=3
        // NDVI over clear-sky pixels only (sentinel-2-l2a). SCL is 20 m: keep the default
        // NEAREST upsampling, because BILINEAR would invent non-integer class values.
        function setup() {
          return {
            input: [{ bands: ["B04", "B08", "SCL", "dataMask"] }],
            output: [
              { id: "ndvi", bands: 1, sampleType: "FLOAT32" },
              { id: "dataMask", bands: 1 }
            ]
          };
        }

        // Excluded SCL classes: 0 no data, 1 saturated/defective, 3 cloud shadow,
        // 8/9 cloud medium/high probability, 10 thin cirrus, 11 snow/ice.
        const EXCLUDED_SCL = [0, 1, 3, 8, 9, 10, 11];

        function evaluatePixel(samples) {
          const clear = EXCLUDED_SCL.indexOf(samples.SCL) === -1 ? 1 : 0;
          return {
            ndvi: [index(samples.B08, samples.B04)],
            dataMask: [samples.dataMask * clear]
          };
        }
        """;

    public const string MultiOutput = """
        //VERSION=3
        // Three statistics outputs; each is masked by its own dataMask band.
        function setup() {
          return {
            input: [{ bands: ["B04", "B08", "B11", "SCL", "dataMask"] }],
            output: [
              { id: "reflectance", bands: ["red", "nir"], sampleType: "FLOAT32" },
              { id: "indices", bands: ["ndvi", "ndmi"], sampleType: "FLOAT32" },
              { id: "scl", bands: 1, sampleType: "UINT8" },
              { id: "dataMask", bands: ["reflectance", "indices", "scl"] }
            ]
          };
        }

        function evaluatePixel(s) {
          const cloudOrShadow = [3, 8, 9, 10].indexOf(s.SCL) !== -1;
          const water = s.SCL === 6;
          const clearLand = s.dataMask === 1 && !cloudOrShadow && !water ? 1 : 0;
          return {
            reflectance: [s.B04, s.B08],
            indices: [index(s.B08, s.B04), index(s.B08, s.B11)],
            scl: [s.SCL],
            dataMask: [s.dataMask, clearLand, s.dataMask]
          };
        }
        """;

    public const string OrbitMonthlyMax = """
        //VERSION=3
        function setup() {
          return {
            input: [{ bands: ["B04", "B08", "SCL", "dataMask"] }],
            mosaicking: "ORBIT",
            output: [{ id: "data", bands: ["monthly_max_ndvi"] }, { id: "dataMask", bands: 1 }]
          };
        }
        function evaluatePixel(samples) {
          let max = 0, hasData = 0;
          for (let i = 0; i < samples.length; i++) {
            const s = samples[i];
            if (s.dataMask === 1 && s.SCL !== 6 && s.B04 + s.B08 !== 0) {
              hasData = 1;
              max = Math.max(max, (s.B08 - s.B04) / (s.B08 + s.B04));
            }
          }
          return { data: [max], dataMask: [hasData] };
        }
        """;

    /// <summary>A script with one output of the given sampleType that returns <c>samples.B04</c> unchanged.</summary>
    public static string Passthrough(string sampleType, string expression = "samples.B04") => $$"""
        //VERSION=3
        function setup() {
          return {
            input: ["B04", "dataMask"],
            output: [{ id: "v", bands: 1, sampleType: "{{sampleType}}" }, { id: "dataMask", bands: 1 }]
          };
        }
        function evaluatePixel(samples) {
          return { v: [{{expression}}], dataMask: [samples.dataMask] };
        }
        """;

    /// <summary>Wraps an evaluatePixel body in a minimal valid script with one B04 input and output "v".</summary>
    public static string WithBody(string body, string setupExtra = "") => $$"""
        //VERSION=3
        function setup() {
          return {
            input: ["B04", "dataMask"],
            output: [{ id: "v", bands: 1 }, { id: "dataMask", bands: 1 }]{{setupExtra}}
          };
        }
        function evaluatePixel(samples) {
        {{body}}
        }
        """;
}

internal static class Samples
{
    /// <summary>A sample set whose band arrays follow <paramref name="setup"/>'s SampleBands order.</summary>
    public static SampleSet Of(EvalscriptSetup setup, IReadOnlyDictionary<string, float[]> bands, byte[] dataMask)
    {
        var arrays = setup.SampleBands.Select(b => bands[b.Name]).ToArray();
        return new SampleSet(dataMask.Length, arrays, dataMask);
    }
}
