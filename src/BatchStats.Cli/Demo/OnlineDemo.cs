using System.Globalization;
using System.Text.Json.Nodes;
using BatchStats.Geo;

namespace BatchStats.Cli.Demo;

/// <summary>
/// <c>demo --online</c>: the classic Sentinel Hub Batch Statistical tutorial on public data. The example GeoPackage
/// (364 SI21.FOI parcels, EPSG:4326) is downloaded, its first parcels reprojected to WGS 84 / UTM 33N, and a request
/// built for Earth Search v1 <c>sentinel-2-l2a</c>, June 2020, P1D, NDVI at 10 m with SCL cloud masking.
/// </summary>
public static class OnlineDemo
{
    public const string DefaultGeoPackageUrl =
        "https://raw.githubusercontent.com/eu-cdse/documentation/main/APIs/SentinelHub/BatchStatistical/resources/gpkg/geopackage-example.gpkg";

    public const int TargetEpsg = 32633;
    public const int DefaultParcels = 100;
    public const string From = "2020-06-01T00:00:00Z";
    public const string To = "2020-07-01T00:00:00Z";

    // Edges are written as JSON floats (-1.0): integer edges switch the histogram to integer math (S26).

    /// <summary>NDVI; SCL 3 (cloud shadow), 8, 9 (clouds) and 10 (cirrus) are masked like the tutorial's cloud rule.</summary>
    public const string Evalscript = """
        //VERSION=3
        function setup() {
          return {
            input: [{ bands: ["B04", "B08", "SCL", "dataMask"] }],
            output: [
              { id: "ndvi", bands: 1, sampleType: "FLOAT32" },
              { id: "dataMask", bands: 1 }
            ]
          };
        }

        function evaluatePixel(samples) {
          const s = samples.SCL;
          const cloudy = s === 3 || s === 8 || s === 9 || s === 10;
          return {
            ndvi: [index(samples.B08, samples.B04)],
            dataMask: [cloudy ? 0 : samples.dataMask]
          };
        }
        """;

    /// <summary>Reads the GeoPackage from a URL or path into <paramref name="folder"/>.</summary>
    public static async Task<string> FetchAsync(HttpClient http, string source, string folder, CancellationToken ct)
    {
        var target = Path.Combine(folder, "geopackage-example.gpkg");
        if (source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            var bytes = await http.GetByteArrayAsync(source, ct).ConfigureAwait(false);
            await File.WriteAllBytesAsync(target, bytes, ct).ConfigureAwait(false);
        }
        else
        {
            var path = source.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? new Uri(source).LocalPath : source;
            File.Copy(path, target, overwrite: true);
        }

        return target;
    }

    /// <summary>Writes the first <paramref name="limit"/> features (id order) in EPSG:32633, ids and identifiers kept.</summary>
    public static (string Path, int Count) Reproject(string source, string target, int limit)
    {
        using var reader = GeoPackageReader.Open(source, new GeoPackageReaderOptions { ValidateGeometry = false });
        var transform = CrsTransform.Create(reader.Epsg, TargetEpsg);
        using var writer = GeoPackageWriter.Create(target, TargetEpsg, "parcels");
        var count = 0;
        foreach (var feature in reader.ReadAll().Take(limit))
        {
            writer.Add(feature.Geometry is null ? null : transform.Transform(feature.Geometry), feature.Identifier, feature.Id);
            count++;
        }

        return (target, count);
    }

    public static JsonObject BuildRequest(string featuresUrl, string outputUrl) => new()
    {
        ["input"] = new JsonObject
        {
            ["features"] = new JsonObject { ["s3"] = new JsonObject { ["url"] = featuresUrl } },
            ["data"] = new JsonArray(new JsonObject
            {
                ["type"] = "sentinel-2-l2a",
                ["dataFilter"] = new JsonObject { ["maxCloudCoverage"] = 100 },
            }),
        },
        ["aggregation"] = new JsonObject
        {
            ["evalscript"] = Evalscript,
            ["timeRange"] = new JsonObject { ["from"] = From, ["to"] = To },
            ["aggregationInterval"] = new JsonObject { ["of"] = "P1D" },
            ["resx"] = 10,
            ["resy"] = 10,
        },
        ["calculations"] = new JsonObject
        {
            ["ndvi"] = new JsonObject
            {
                ["histograms"] = new JsonObject
                {
                    ["default"] = new JsonObject { ["nBins"] = 20, ["lowEdge"] = JsonNode.Parse("-1.0"), ["highEdge"] = JsonNode.Parse("1.0") },
                },
                ["statistics"] = new JsonObject
                {
                    ["default"] = new JsonObject { ["percentiles"] = new JsonObject { ["k"] = new JsonArray(10, 50, 90) } },
                },
            },
        },
        ["output"] = new JsonObject { ["s3"] = new JsonObject { ["url"] = outputUrl } },
    };

    public static string Describe(int parcels) => string.Create(CultureInfo.InvariantCulture,
        $"{parcels} SI21.FOI parcels (EPSG:{TargetEpsg}), sentinel-2-l2a {From[..10]}..{To[..10]}, P1D, NDVI");
}
