using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using BatchStats.Core.Results;
using BatchStats.Demo.Cog;
using BatchStats.Demo.Geodesy;
using BatchStats.Geo;
using BatchStats.TestSupport;

namespace BatchStats.Cli.Tests;

/// <summary>
/// <c>demo --online</c> against a local HttpListener standing in for GitHub (the example GeoPackage), Earth Search v1
/// (a recorded-style STAC search response) and sentinel-cogs (COGs with byte ranges) that this test generates.
/// </summary>
public sealed class OnlineDemoTests : IDisposable
{
    private const ushort Red = 1000;
    private const ushort Nir = 3000;
    private readonly TempDirectory _temp = new("batchstats-online");
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, (byte[] Body, string Type)> _files = new(StringComparer.Ordinal);
    private readonly string _root;

    public OnlineDemoTests()
    {
        var port = FreePort();
        _root = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(_root);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    [SkippableFact]
    public void Online_demo_reprojects_the_first_100_parcels_searches_stac_and_reads_cog_ranges()
    {
        var gpkg = SharedData.Data("parcels/geopackage-example.gpkg");
        _files["/parcels.gpkg"] = (File.ReadAllBytes(gpkg), "application/geopackage+sqlite3");

        // The scene: 10 m UTM 33N pixels over the first 100 parcels; date 1 clear vegetation, date 2 all cloud (SCL 9).
        var (minX, minY, maxX, maxY) = UtmEnvelope(gpkg, 100);
        var originX = Math.Floor(minX / 10) * 10 - 200;
        var originY = Math.Ceiling(maxY / 10) * 10 + 200;
        var width = (int)Math.Ceiling((maxX - originX) / 10) + 20;
        var height = (int)Math.Ceiling((originY - minY) / 10) + 20;
        var geo = new GeoReference(32633, originX, originY, 10, 10);
        JsonArray items = [];
        foreach (var (day, scl) in new[] { (5, (byte)4), (20, (byte)9) })
        {
            var id = $"S2B_33TWM_202006{day:D2}_0_L2A";
            AddCog($"/cogs/{id}/B04.tif", geo, width, height, CogSampleType.UInt16, Enumerable.Repeat(Red, width * height).ToArray());
            AddCog($"/cogs/{id}/B08.tif", geo, width, height, CogSampleType.UInt16, Enumerable.Repeat(Nir, width * height).ToArray());
            AddCog($"/cogs/{id}/SCL.tif", geo, width, height, CogSampleType.UInt8, Enumerable.Repeat(scl, width * height).ToArray());
            items.Add(Item(id, $"2020-06-{day:D2}T10:05:00Z", geo, width, height));
        }

        _files["/search"] = (System.Text.Encoding.UTF8.GetBytes(new JsonObject
        {
            ["type"] = "FeatureCollection",
            ["features"] = items,
            ["links"] = new JsonArray(),
        }.ToJsonString()), "application/geo+json");

        var outDir = _temp.Combine("online");
        var r = CliResult.Run("demo", "--online", "--stac", _root.TrimEnd('/'), "--parcels", _root + "parcels.gpkg",
            "--state", _temp.Combine("state"), "--out", outDir, "--json", "--no-plots");
        Assert.True(r.Code == 0, r.Err + r.Out);
        var json = r.LastJson();
        Assert.Equal("DONE", json.GetProperty("status").GetString());
        Assert.Equal(100, json.GetProperty("features").GetProperty("total").GetInt64());

        // The request is the tutorial's: L2A, June 2020, P1D, 10 m, NDVI.
        var request = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "request.json")))!;
        Assert.Equal("sentinel-2-l2a", (string?)request["input"]!["data"]![0]!["type"]);
        Assert.Equal("2020-06-01T00:00:00Z", (string?)request["aggregation"]!["timeRange"]!["from"]);
        Assert.Equal("P1D", (string?)request["aggregation"]!["aggregationInterval"]!["of"]);

        // Reprojection: checked with the Demo's independent UTM → WGS 84 inverse on the first vertex.
        using (var original = GeoPackageReader.Open(gpkg))
        using (var utm = GeoPackageReader.Open(Path.Combine(outDir, "parcels_utm33n.gpkg")))
        {
            Assert.Equal(32633, utm.Epsg);
            Assert.Equal(100, utm.Count);
            var a = original.ReadAll().First();
            var b = utm.ReadAll().First();
            Assert.Equal(a.Identifier, b.Identifier);
            var (lon, lat) = UtmToWgs84.Convert(32633, b.Geometry!.Coordinates[0].X, b.Geometry.Coordinates[0].Y);
            Assert.Equal(a.Geometry!.Coordinates[0].X, lon, 1e-7);
            Assert.Equal(a.Geometry.Coordinates[0].Y, lat, 1e-7);
        }

        // Every parcel sees date 1 as NDVI (3000 − 1000) / (3000 + 1000) = 0.5; date 2 is all cloud (SCL 9 masked).
        var folder = new Uri(json.GetProperty("outputPrefix").GetString()!).LocalPath;
        var checkedFeatures = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
        {
            var feature = ResultJsonReader.ReadFeature(File.ReadAllText(file));
            if (feature.Response?.Data is not { } data)
            {
                continue;
            }

            Assert.Equal(2, data.Count);
            var clear = data.Single(i => i.Interval.From.StartsWith("2020-06-05", StringComparison.Ordinal)).Outputs!["ndvi"].Bands["B0"].Stats;
            var cloudy = data.Single(i => i.Interval.From.StartsWith("2020-06-20", StringComparison.Ordinal)).Outputs!["ndvi"].Bands["B0"].Stats;
            if (clear.SampleCount > clear.NoDataCount)
            {
                Assert.Equal(0.5, clear.Mean, 1e-6);
                checkedFeatures++;
            }

            Assert.Equal(cloudy.SampleCount, cloudy.NoDataCount);
        }

        Assert.True(checkedFeatures >= 90, $"only {checkedFeatures} parcels had valid pixels");
    }

    private static (double MinX, double MinY, double MaxX, double MaxY) UtmEnvelope(string gpkg, int count)
    {
        using var reader = GeoPackageReader.Open(gpkg);
        var transform = CrsTransform.Create(reader.Epsg, 32633);
        var env = new NetTopologySuite.Geometries.Envelope();
        foreach (var f in reader.ReadAll().Take(count))
        {
            env.ExpandToInclude(transform.Transform(f.Geometry!).EnvelopeInternal);
        }

        return (env.MinX, env.MinY, env.MaxX, env.MaxY);
    }

    private void AddCog<T>(string key, GeoReference geo, int width, int height, CogSampleType type, T[] pixels)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        var path = _temp.Combine(key.Replace('/', '_'));
        CogWriter.WriteImage<T>(path, new CogOptions { Width = width, Height = height, SampleType = type, Geo = geo, TileSize = 256, NoData = 0 }, pixels);
        _files[key] = (File.ReadAllBytes(path), "image/tiff; application=geotiff; profile=cloud-optimized");
    }

    private JsonObject Item(string id, string datetime, GeoReference geo, int width, int height)
    {
        // Shaped like the Earth Search v1 item in shared/data (assets keyed by common name, proj:* per asset).
        var (w, s) = UtmToWgs84.Convert(32633, geo.OriginX, geo.OriginY - (height * 10));
        var (e, n) = UtmToWgs84.Convert(32633, geo.OriginX + (width * 10), geo.OriginY);
        var transform = new JsonArray(10, 0, geo.OriginX, 0, -10, geo.OriginY);
        JsonObject Asset(string band, string name, string common)
        {
            var asset = AssetBody(band, name, common);
            if (common.Length == 0)
            {
                asset.Remove("eo:bands");
            }

            return asset;
        }

        JsonObject AssetBody(string band, string name, string common) => new()
        {
            ["href"] = $"{_root}cogs/{id}/{band}.tif",
            ["type"] = "image/tiff; application=geotiff; profile=cloud-optimized",
            ["title"] = name,
            ["eo:bands"] = new JsonArray(new JsonObject { ["name"] = band, ["common_name"] = common }),
            ["proj:shape"] = new JsonArray(height, width),
            ["proj:transform"] = transform.DeepClone(),
            ["raster:bands"] = new JsonArray(new JsonObject { ["nodata"] = 0, ["data_type"] = band == "SCL" ? "uint8" : "uint16", ["scale"] = band == "SCL" ? 1 : 0.0001, ["offset"] = 0 }),
            ["roles"] = new JsonArray("data"),
        };
        return new JsonObject
        {
            ["type"] = "Feature",
            ["stac_version"] = "1.0.0",
            ["id"] = id,
            ["collection"] = "sentinel-2-l2a",
            ["bbox"] = new JsonArray(Math.Min(w, e), s, Math.Max(w, e), n),
            ["geometry"] = new JsonObject
            {
                ["type"] = "Polygon",
                ["coordinates"] = new JsonArray(new JsonArray(new JsonArray(w, s), new JsonArray(e, s), new JsonArray(e, n), new JsonArray(w, n), new JsonArray(w, s))),
            },
            ["properties"] = new JsonObject
            {
                ["datetime"] = datetime,
                ["platform"] = "sentinel-2b",
                ["constellation"] = "sentinel-2",
                ["eo:cloud_cover"] = 10.0,
                ["proj:epsg"] = 32633,
                ["s2:processing_baseline"] = "02.14",
                ["earthsearch:boa_offset_applied"] = false,
            },
            ["assets"] = new JsonObject
            {
                ["red"] = Asset("B04", "Red (band 4) - 10m", "red"),
                ["nir"] = Asset("B08", "NIR 1 (band 8) - 10m", "nir"),
                ["scl"] = Asset("SCL", "Scene classification map (SCL)", ""),
            },
            ["links"] = new JsonArray(),
        };
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try
            {
                ctx = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                Respond(ctx);
            }
            catch (Exception e) when (e is HttpListenerException or IOException)
            {
                // The client went away.
            }
        }
    }

    private void Respond(HttpListenerContext ctx)
    {
        var path = ctx.Request.Url!.AbsolutePath;
        var res = ctx.Response;
        if (!_files.TryGetValue(path, out var file))
        {
            res.StatusCode = 404;
            res.Close();
            return;
        }

        res.ContentType = file.Type;
        res.AddHeader("Accept-Ranges", "bytes");
        var body = file.Body;
        var range = ctx.Request.Headers["Range"];
        if (range is not null && range.StartsWith("bytes=", StringComparison.Ordinal))
        {
            var parts = range["bytes=".Length..].Split('-');
            var start = long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
            var end = Math.Min(parts[1].Length == 0 ? body.Length - 1 : long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), body.Length - 1);
            res.StatusCode = 206;
            res.AddHeader("Content-Range", $"bytes {start}-{end}/{body.Length}");
            body = body[(int)start..(int)(end + 1)];
        }

        res.ContentLength64 = body.Length;
        if (ctx.Request.HttpMethod != "HEAD")
        {
            res.OutputStream.Write(body);
        }

        res.Close();
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _temp.Dispose();
    }
}
