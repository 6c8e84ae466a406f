namespace BatchStats.Demo.Output;

/// <summary>
/// Writes request.json: a Batch Statistical request over the demo (NDVI from B04/B08, clouds masked with CLM, P1D so
/// every acquisition is its own interval, 10 m, 20-bin histogram on [−1, 1], percentiles 10/50/90), reading
/// <c>fields.gpkg</c> and writing to <c>results/</c> in the output folder as <c>file://</c> URLs.
/// </summary>
internal static class RequestWriter
{
    public const string Evalscript = """
        //VERSION=3
        // NDVI over cloud-free pixels: CLM = 1 (cloud) is excluded through the dataMask output.
        function setup() {
          return {
            input: [{ bands: ["B04", "B08", "CLM", "dataMask"] }],
            output: [
              { id: "ndvi", bands: 1, sampleType: "FLOAT32" },
              { id: "dataMask", bands: 1 }
            ]
          };
        }

        function evaluatePixel(samples) {
          const clear = samples.CLM === 1 ? 0 : 1;
          return {
            ndvi: [index(samples.B08, samples.B04)],
            dataMask: [samples.dataMask * clear]
          };
        }
        """;

    public static void Write(string path, string outputFolder, DemoOptions o, IReadOnlyList<DemoDate> dates)
    {
        var from = DateTime.SpecifyKind(dates[0].DateTimeUtc.Date, DateTimeKind.Utc);
        var to = DateTime.SpecifyKind(dates[^1].DateTimeUtc.Date.AddDays(1), DateTimeKind.Utc);
        JsonFiles.Write(path, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("input");
            w.WriteStartObject("features");
            w.WriteStartObject("s3");
            w.WriteString("url", new Uri(Path.Combine(outputFolder, "fields.gpkg")).AbsoluteUri);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartArray("data");
            w.WriteStartObject();
            w.WriteString("type", o.CollectionId);
            w.WriteStartObject("dataFilter");
            w.WriteNumber("maxCloudCoverage", 100);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();

            w.WriteStartObject("aggregation");
            w.WriteString("evalscript", Evalscript);
            w.WriteStartObject("timeRange");
            w.WriteString("from", JsonFiles.Iso(from));
            w.WriteString("to", JsonFiles.Iso(to));
            w.WriteEndObject();
            w.WriteStartObject("aggregationInterval");
            w.WriteString("of", "P1D");
            w.WriteEndObject();
            w.WriteNumber("resx", o.PixelSize);
            w.WriteNumber("resy", o.PixelSize);
            w.WriteEndObject();

            // Edges as JSON floats (-1.0, not -1): integer edges would switch the histogram to integer math (S26).
            w.WriteStartObject("calculations");
            w.WriteStartObject("ndvi");
            w.WriteStartObject("statistics");
            w.WriteStartObject("default");
            w.WriteStartObject("percentiles");
            w.WriteStartArray("k");
            w.WriteNumberValue(10);
            w.WriteNumberValue(50);
            w.WriteNumberValue(90);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartObject("histograms");
            w.WriteStartObject("default");
            w.WriteNumber("nBins", 20);
            w.WritePropertyName("lowEdge");
            w.WriteRawValue("-1.0");
            w.WritePropertyName("highEdge");
            w.WriteRawValue("1.0");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteStartObject("output");
            w.WriteStartObject("s3");
            w.WriteString("url", new Uri(Path.Combine(outputFolder, "results") + Path.DirectorySeparatorChar).AbsoluteUri);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }
}
