using System.Text.Json;
using BatchStats.TestSupport;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace BatchStats.Demo.Tests;

public sealed class DemoArchiveTests(DemoArchiveFixture fixture) : IClassFixture<DemoArchiveFixture>
{
    private JsonElement Truth => JsonDocument.Parse(File.ReadAllText(fixture.Result.TruthPath)).RootElement;

    [Fact]
    public void Same_seed_gives_byte_identical_files()
    {
        using var dir = new TempDirectory();
        var again = DemoArchive.Generate(DemoOptions.Default, dir.Combine("again"));
        var first = Files(fixture.Root);
        var second = Files(again.OutputFolder);
        Assert.Equal(first.Keys.Order(), second.Keys.Order());
        Assert.True(first.Count > 40);
        foreach (var (relative, path) in first)
        {
            if (relative == DemoArchive.RequestFile)
            {
                // The request names its own folder (file:// URLs); apart from that it is identical.
                var a = File.ReadAllText(path).Replace(new Uri(fixture.Root).AbsoluteUri, "ROOT", StringComparison.Ordinal);
                var b = File.ReadAllText(second[relative]).Replace(new Uri(again.OutputFolder).AbsoluteUri, "ROOT", StringComparison.Ordinal);
                Assert.Equal(a, b);
                continue;
            }

            Assert.True(File.ReadAllBytes(path).AsSpan().SequenceEqual(File.ReadAllBytes(second[relative])), $"{relative} differs between two runs with the same seed.");
        }
    }

    [Fact]
    public void Different_seed_gives_different_fields()
    {
        using var dir = new TempDirectory();
        var other = DemoArchive.Generate(DemoOptions.Default with { Seed = 7, DateCount = 2, WithOverviews = false }, dir.Combine("other"));
        Assert.NotEqual(
            fixture.Result.Fields.Select(f => f.Pixels.CentreInsideCount),
            other.Fields.Select(f => f.Pixels.CentreInsideCount));
    }

    [Fact]
    public void GeoPackage_has_metadata_tables_and_one_row_per_field()
    {
        using var connection = new SqliteConnection($"Data Source={fixture.Result.GeoPackagePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        Assert.Equal(1196444487L, Scalar(connection, "PRAGMA application_id")); // 'GPKG'
        Assert.Equal(10200L, Scalar(connection, "PRAGMA user_version"));
        Assert.Equal(36L, Scalar(connection, "SELECT count(*) FROM fields"));
        Assert.Equal(4L, Scalar(connection, "SELECT count(*) FROM gpkg_spatial_ref_sys"));
        Assert.Equal("WGS 84 / UTM zone 33N", Scalar(connection, "SELECT srs_name FROM gpkg_spatial_ref_sys WHERE srs_id = 32633"));
        Assert.Equal("features|32633", Scalar(connection, "SELECT data_type || '|' || srs_id FROM gpkg_contents WHERE table_name = 'fields'"));
        Assert.Equal("geometry|MULTIPOLYGON|32633|0|0", Scalar(connection, "SELECT column_name || '|' || geometry_type_name || '|' || srs_id || '|' || z || '|' || m FROM gpkg_geometry_columns WHERE table_name = 'fields'"));
        Assert.Equal(36L, Scalar(connection, "SELECT count(DISTINCT identifier) FROM fields"));

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, geometry, kind, area_m2 FROM fields ORDER BY id";
        using var reader = command.ExecuteReader();
        var kinds = new List<string>();
        var wkb = new WKBReader();
        while (reader.Read())
        {
            var blob = (byte[])reader[1];
            Assert.Equal((byte)'G', blob[0]);
            Assert.Equal((byte)'P', blob[1]);
            Assert.Equal(0x03, blob[3]);
            Assert.Equal(32633, BitConverter.ToInt32(blob, 4));
            var geometry = wkb.Read(blob.AsSpan(40).ToArray());
            var multi = Assert.IsType<MultiPolygon>(geometry);
            Assert.Single(multi.Geometries);
            Assert.Equal(BitConverter.ToDouble(blob, 8), geometry.EnvelopeInternal.MinX);
            Assert.Equal(BitConverter.ToDouble(blob, 32), geometry.EnvelopeInternal.MaxY);
            Assert.Equal(reader.GetDouble(3), Math.Abs(geometry.Area), 1e-6);
            kinds.Add(reader.GetString(2));
            Assert.Equal(reader.GetString(2) != "self_intersecting", geometry.IsValid);
        }

        foreach (var special in new[] { "with_hole", "crosses_scene_edge", "self_intersecting", "sub_pixel" })
        {
            Assert.Single(kinds, special);
        }
    }

    [Fact]
    public void Special_fields_have_the_promised_footprints()
    {
        var fields = fixture.Result.Fields;
        var edge = fields.Single(f => f.Kind == Scene.FieldKind.CrossesSceneEdge);
        Assert.True(edge.Envelope.MaxU > 200);
        var tiny = fields.Single(f => f.Kind == Scene.FieldKind.SubPixel);
        Assert.Equal(0, tiny.Pixels.CentreInsideCount);
        var holed = fields.Single(f => f.Kind == Scene.FieldKind.WithHole);
        Assert.Equal(2, holed.Rings.Count);
        foreach (var f in fields.Where(f => f.IsPixelAligned))
        {
            // Every pixel-aligned field: centre-inside = fully-inside = area in pixels, clipped to the scene.
            Assert.Equal(f.Pixels.CentreInsideCount, f.Pixels.FullyInsideCount);
        }

        Assert.Equal(4, fields.Select(f => f.Crop).Distinct().Count());

        // Fields never share a pixel, and only the edge-crossing field leaves the scene.
        var owner = new int[200 * 200];
        foreach (var f in fields)
        {
            foreach (var run in f.Pixels.CentreInside)
            {
                for (var c = run.ColStart; c < run.ColEnd; c++)
                {
                    Assert.Equal(0, owner[(run.Row * 200) + c]);
                    owner[(run.Row * 200) + c] = f.Id;
                }
            }

            var (minU, minV, maxU, maxV) = f.Envelope;
            Assert.True(minU >= 0 && minV >= 0 && maxV <= 200 && (maxU <= 200 || f == edge), $"field {f.Id} leaves the scene");
        }
    }

    [Fact]
    public void Ndvi_from_written_dns_equals_truth_on_clear_fully_inside_pixels()
    {
        var truth = Truth;
        var width = truth.GetProperty("grid").GetProperty("width").GetInt32();
        var dates = truth.GetProperty("dates").EnumerateArray().ToArray();
        var checkedPixels = 0;
        var maxError = 0.0;
        foreach (var date in dates)
        {
            var id = date.GetProperty("itemId").GetString()!;
            var b04 = new TiffTestReader(Path.Combine(fixture.Root, "cogs", id, "B04.tif")).ReadImage(0);
            var b08 = new TiffTestReader(Path.Combine(fixture.Root, "cogs", id, "B08.tif")).ReadImage(0);
            var clm = new TiffTestReader(Path.Combine(fixture.Root, "cogs", id, "CLM.tif")).ReadImage(0);
            var d = date.GetProperty("index").GetInt32();
            foreach (var field in truth.GetProperty("fields").EnumerateArray())
            {
                var expected = field.GetProperty("dates")[d].GetProperty("ndvi").GetDouble();
                var clear = 0;
                foreach (var run in field.GetProperty("fullyInside").EnumerateArray())
                {
                    var row = run[0].GetInt32();
                    for (var c = run[1].GetInt32(); c < run[2].GetInt32(); c++)
                    {
                        var i = (row * width) + c;
                        if (clm[i] != 0)
                        {
                            Assert.Equal(1, clm[i]);
                            continue;
                        }

                        // As Sentinel Hub computes it: float32 reflectance = DN / 10000 (S17).
                        var red = (float)b04[i] / 10000f;
                        var nir = (float)b08[i] / 10000f;
                        var ndvi = (nir - red) / (nir + red);
                        maxError = Math.Max(maxError, Math.Abs(ndvi - expected));
                        Assert.True(Math.Abs(ndvi - expected) < 1e-3, $"field {field.GetProperty("id")} date {d}: NDVI {ndvi} vs truth {expected}");
                        clear++;
                        checkedPixels++;
                    }
                }

                Assert.Equal(field.GetProperty("dates")[d].GetProperty("clearFullyInside").GetInt64(), clear);
            }
        }

        Assert.True(checkedPixels > 50_000, $"only {checkedPixels} pixels checked");
        Assert.True(maxError < 5e-4, $"max |ΔNDVI| = {maxError}");
    }

    [Fact]
    public void Cloud_cover_property_and_truth_fractions_match_the_clm_band()
    {
        var truth = Truth;
        var fields = fixture.Result.Fields;
        var cloudyDates = 0;
        foreach (var date in fixture.Result.Dates)
        {
            var item = JsonDocument.Parse(File.ReadAllText(Path.Combine(fixture.Root, "sentinel-2-l1c", date.ItemId, date.ItemId + ".json"))).RootElement;
            var clm = new TiffTestReader(Path.Combine(fixture.Root, "cogs", date.ItemId, "CLM.tif")).ReadImage(0);
            var expected = 100.0 * clm.Count(v => v == 1) / clm.Length;
            Assert.Equal(expected, item.GetProperty("properties").GetProperty("eo:cloud_cover").GetDouble());
            Assert.DoesNotContain(clm, v => v != 0 && v != 1);
            cloudyDates += expected > 0 ? 1 : 0;

            for (var f = 0; f < fields.Count; f++)
            {
                var centre = fields[f].Pixels.CentreInside;
                var total = centre.Sum(r => r.Length);
                var cloudy = centre.Sum(r => Enumerable.Range(r.ColStart, r.Length).Count(c => clm[(r.Row * 200) + c] == 1));
                var fraction = truth.GetProperty("fields")[f].GetProperty("dates")[date.Index].GetProperty("cloudFraction").GetDouble();
                Assert.Equal(total == 0 ? 0 : cloudy / (double)total, fraction, 1e-12);
            }
        }

        Assert.Equal(0, fixture.Result.CloudCoverPercent[0]);
        Assert.InRange(cloudyDates, 3, 11);
        Assert.Contains(fixture.Result.CloudCoverPercent, c => c > 60);
    }

    [Fact]
    public void Every_stac_href_resolves_and_items_describe_their_files()
    {
        var visited = new HashSet<string>();
        var catalog = Path.Combine(fixture.Root, "catalog.json");
        Walk(catalog, visited);
        Assert.Equal(1 + 1 + 12, visited.Count); // catalog, collection, items

        foreach (var date in fixture.Result.Dates)
        {
            var itemPath = Path.Combine(fixture.Root, "sentinel-2-l1c", date.ItemId, date.ItemId + ".json");
            var item = JsonDocument.Parse(File.ReadAllText(itemPath)).RootElement;
            var props = item.GetProperty("properties");
            Assert.Equal(32633, props.GetProperty("proj:epsg").GetInt32());
            Assert.Equal([200, 200], props.GetProperty("proj:shape").EnumerateArray().Select(e => e.GetInt32()));
            var transform = props.GetProperty("proj:transform").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.Equal(date.ItemId, item.GetProperty("id").GetString());
            Assert.Equal(date.DateTimeUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), props.GetProperty("datetime").GetString());
            Assert.StartsWith(date.ItemId[..3] == "S2A" ? "sentinel-2a" : "sentinel-2b", props.GetProperty("platform").GetString());

            var assets = item.GetProperty("assets");
            Assert.Equal(["red", "nir", "clm"], assets.EnumerateObject().Select(p => p.Name));
            foreach (var (key, band) in new[] { ("red", "B04"), ("nir", "B08") })
            {
                var eo = assets.GetProperty(key).GetProperty("eo:bands")[0];
                Assert.Equal(band, eo.GetProperty("name").GetString());
                Assert.Equal(key, eo.GetProperty("common_name").GetString());
                var raster = assets.GetProperty(key).GetProperty("raster:bands")[0];
                Assert.Equal(0.0001, raster.GetProperty("scale").GetDouble());
                Assert.Equal("uint16", raster.GetProperty("data_type").GetString());
            }

            foreach (var asset in assets.EnumerateObject())
            {
                var file = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(itemPath)!, asset.Value.GetProperty("href").GetString()!));
                Assert.True(File.Exists(file), $"{asset.Name} → {file}");
                var tiff = new TiffTestReader(file);
                var main = tiff.Ifds[0];
                var raster = asset.Value.GetProperty("raster:bands")[0];
                Assert.Equal(raster.GetProperty("nodata").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), main[42113].Text);
                Assert.Equal(raster.GetProperty("data_type").GetString() == "uint16" ? 16 : 8, main[258].Long());
                Assert.Equal(transform[2], main[33922].Numbers[3]);
                Assert.Equal(transform[5], main[33922].Numbers[4]);
                Assert.Equal(transform[0], main[33550].Numbers[0]);
                Assert.Equal(-transform[4], main[33550].Numbers[1]);
                Assert.Equal(64, main[322].Long());
                Assert.Equal(2, tiff.Ifds.Count);
            }

            // Footprint: bbox contains every geometry vertex, ring closed and counter-clockwise.
            var bbox = item.GetProperty("bbox").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var ring = item.GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToArray();
            Assert.Equal(ring[0], ring[^1]);
            Assert.All(ring, p => Assert.True(p.Item1 >= bbox[0] && p.Item1 <= bbox[2] && p.Item2 >= bbox[1] && p.Item2 <= bbox[3]));
            var signedArea = 0.0;
            for (var i = 0; i + 1 < ring.Length; i++)
            {
                signedArea += (ring[i].Item1 * ring[i + 1].Item2) - (ring[i + 1].Item1 * ring[i].Item2);
            }

            Assert.True(signedArea > 0);
        }
    }

    [Fact]
    public void Request_is_a_batch_statistical_ndvi_request_over_the_archive()
    {
        var text = File.ReadAllText(fixture.Result.RequestPath);
        var request = JsonDocument.Parse(text).RootElement;
        var gpkgUrl = request.GetProperty("input").GetProperty("features").GetProperty("s3").GetProperty("url").GetString()!;
        Assert.Equal(fixture.Result.GeoPackagePath, new Uri(gpkgUrl).LocalPath);
        Assert.Equal("sentinel-2-l1c", request.GetProperty("input").GetProperty("data")[0].GetProperty("type").GetString());
        var aggregation = request.GetProperty("aggregation");
        Assert.Equal("P1D", aggregation.GetProperty("aggregationInterval").GetProperty("of").GetString());
        Assert.Equal("2023-04-01T00:00:00Z", aggregation.GetProperty("timeRange").GetProperty("from").GetString());
        Assert.Equal("2023-10-01T00:00:00Z", aggregation.GetProperty("timeRange").GetProperty("to").GetString());
        Assert.Equal(10, aggregation.GetProperty("resx").GetDouble());
        Assert.Contains("\"CLM\"", aggregation.GetProperty("evalscript").GetString());
        var ndvi = request.GetProperty("calculations").GetProperty("ndvi");
        Assert.Equal([10, 50, 90], ndvi.GetProperty("statistics").GetProperty("default").GetProperty("percentiles").GetProperty("k").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(20, ndvi.GetProperty("histograms").GetProperty("default").GetProperty("nBins").GetInt32());
        Assert.Contains("\"lowEdge\": -1.0", text); // a JSON float, so histogram math is float (S26)
        Assert.StartsWith("file:///", request.GetProperty("output").GetProperty("s3").GetProperty("url").GetString());
    }

    [Fact]
    public void Truth_lists_every_field_and_date()
    {
        var truth = Truth;
        Assert.Equal("batchstats-demo-truth/1", truth.GetProperty("schema").GetString());
        Assert.Equal(12, truth.GetProperty("dates").GetArrayLength());
        var fields = truth.GetProperty("fields").EnumerateArray().ToArray();
        Assert.Equal(36, fields.Length);
        foreach (var f in fields)
        {
            Assert.Equal(12, f.GetProperty("dates").GetArrayLength());
            var runs = f.GetProperty("fullyInside").EnumerateArray().Sum(r => r[2].GetInt32() - r[1].GetInt32());
            Assert.Equal(f.GetProperty("pixelsFullyInside").GetInt32(), runs);
            Assert.All(f.GetProperty("dates").EnumerateArray(), d => Assert.InRange(d.GetProperty("ndvi").GetDouble(), 0.05, 0.92));
        }

        // Phenology: a maize field is bare in April and green in August; a winter cereal the other way round.
        var april = 0;
        var august = fixture.Result.Dates.First(d => d.DateTimeUtc.Month == 8).Index;
        double Ndvi(JsonElement f, int d) => f.GetProperty("dates")[d].GetProperty("ndvi").GetDouble();
        var maize = fields.First(f => f.GetProperty("crop").GetString() == "maize");
        Assert.True(Ndvi(maize, august) - Ndvi(maize, april) > 0.4);
        var cereal = fields.First(f => f.GetProperty("crop").GetString() == "winter_cereal");
        Assert.True(Ndvi(cereal, april) - Ndvi(cereal, august) > 0.3);
    }

    [Fact]
    public void Options_are_validated_with_the_field_name()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<ArgumentException>(() => DemoArchive.Generate(DemoOptions.Default with { TileSize = 50 }, dir.Path));
        Assert.Contains("DemoOptions.TileSize", e.Message);
        e = Assert.Throws<ArgumentException>(() => DemoArchive.Generate(DemoOptions.Default with { Epsg = 4326 }, dir.Path));
        Assert.Contains("DemoOptions.Epsg", e.Message);
    }

    private static void Walk(string jsonPath, HashSet<string> visited)
    {
        Assert.True(File.Exists(jsonPath), jsonPath);
        if (!visited.Add(Path.GetFullPath(jsonPath)))
        {
            return;
        }

        var doc = JsonDocument.Parse(File.ReadAllText(jsonPath)).RootElement;
        foreach (var link in doc.GetProperty("links").EnumerateArray())
        {
            var href = link.GetProperty("href").GetString()!;
            if (href.StartsWith("https://", StringComparison.Ordinal))
            {
                continue;
            }

            Assert.False(Path.IsPathRooted(href), href);
            var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(jsonPath)!, href));
            Assert.True(File.Exists(target), $"{jsonPath}: {href}");
            if (link.GetProperty("rel").GetString() is "child" or "item")
            {
                Walk(target, visited);
            }
        }
    }

    private static Dictionary<string, string> Files(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToDictionary(p => Path.GetRelativePath(root, p), p => p);

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
