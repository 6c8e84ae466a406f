using BatchStats.TestSupport;
using NetTopologySuite.Geometries;

namespace BatchStats.Geo.Tests;

/// <summary>The fast masks against independent computations on real and random polygons.</summary>
public sealed class MaskConsistencyTests
{
    private static readonly GeometryFactory s_factory = new();

    /// <summary>Per-point S12 rule: n × n sub-sample points per pixel, each tested with the even-odd rule.</summary>
    private static byte[] NaiveSubsample(Geometry polygonal, SampleGrid grid, int n)
    {
        var mask = new byte[grid.SampleCount];
        for (var r = 0; r < grid.Height; r++)
        {
            for (var c = 0; c < grid.Width; c++)
            {
                for (var k = 0; k < n * n && mask[grid.Index(c, r)] == 0; k++)
                {
                    int i = k % n, j = k / n;
                    var x = grid.MinX + (c + (i + 0.5) / n) * grid.PixelWidth;
                    var y = grid.MaxY - (r + (j + 0.5) / n) * grid.PixelHeight;
                    if (PointInPolygon.Contains(polygonal, x, y))
                    {
                        mask[grid.Index(c, r)] = 1;
                    }
                }
            }
        }

        return mask;
    }

    private static IEnumerable<Geometry> RealPolygons(int fieldCount = 67)
    {
        var toUtm = CrsTransform.Create(4326, 32633);
        using (var parcels = GeoPackageReader.Open(SharedData.Data("parcels/geopackage-example.gpkg")))
        {
            foreach (var f in parcels.ReadAll())
            {
                yield return toUtm.Transform(f.Geometry!);
            }
        }

        using var fields = GeoPackageReader.Open(SharedData.Data("s2-slovenia/fields.gpkg"));
        foreach (var f in fields.ReadAll().Take(fieldCount))
        {
            yield return f.Geometry!;
        }
    }

    [SkippableFact]
    public void Scanline_masks_equal_the_per_point_rule_on_all_real_polygons()
    {
        var compared = 0;
        // All parcels, and the first 12 fields (the per-point reference is slow on the large ones).
        foreach (var geometry in RealPolygons(fieldCount: 12))
        {
            var grid = SampleGrid.FromResolution(geometry.EnvelopeInternal, 10, 10);
            Assert.Equal(NaiveSubsample(geometry, grid, 16), MaskBuilder.Build(geometry, grid).Inside);
            Assert.Equal(NaiveSubsample(geometry, grid, 1), MaskBuilder.Build(geometry, grid, MaskRule.Center).Inside);
            compared++;
        }

        Assert.Equal(364 + 12, compared);
    }

    [SkippableFact]
    public void Coverage_sums_to_area_and_rules_nest_on_all_real_polygons()
    {
        foreach (var geometry in RealPolygons())
        {
            foreach (var res in new[] { 10.0, 3.7 })
            {
                var grid = SampleGrid.FromResolution(geometry.EnvelopeInternal, res, res);
                var coverage = MaskBuilder.Build(geometry, grid, MaskRule.Coverage);
                var expected = geometry.Area / (grid.PixelWidth * grid.PixelHeight);
                Assert.Equal(1.0, coverage.Coverage!.Sum() / expected, 1e-9);
                Assert.All(coverage.Coverage!, f => Assert.InRange(f, 0.0, 1.0));

                // A sub-sample point inside means the polygon has area in that pixel.
                var subsample = MaskBuilder.Build(geometry, grid).Inside;
                for (var i = 0; i < subsample.Length; i++)
                {
                    Assert.True(subsample[i] <= coverage.Inside[i], $"pixel {i} in the 16×16 mask but with no area");
                }
            }
        }
    }

    [SkippableFact]
    public void Coverage_per_pixel_equals_nts_intersection_area_on_fields()
    {
        using var fields = GeoPackageReader.Open(SharedData.Data("s2-slovenia/fields.gpkg"));
        foreach (var feature in fields.ReadAll().Take(20))
        {
            var geometry = feature.Geometry!;
            var grid = SampleGrid.FromResolution(geometry.EnvelopeInternal, 10, 10);
            var coverage = MaskBuilder.Build(geometry, grid, MaskRule.Coverage).Coverage!;
            var pixelArea = grid.PixelWidth * grid.PixelHeight;
            for (var r = 0; r < grid.Height; r++)
            {
                for (var c = 0; c < grid.Width; c++)
                {
                    var pixel = s_factory.ToGeometry(new Envelope(
                        grid.MinX + c * grid.PixelWidth, grid.MinX + (c + 1) * grid.PixelWidth,
                        grid.MaxY - (r + 1) * grid.PixelHeight, grid.MaxY - r * grid.PixelHeight));
                    var exact = geometry.Intersection(pixel).Area / pixelArea;
                    Assert.Equal(exact, coverage[grid.Index(c, r)], 1e-7);
                }
            }
        }
    }

    [Fact]
    public void Pixel_aligned_square_in_utm_has_coverage_exactly_one_inside()
    {
        var grid = SampleGrid.FromResolution(new Envelope(465180, 465480, 5079240, 5079540), 10, 10);
        var square = s_factory.CreatePolygon([new(465220, 5079300), new(465400, 5079300), new(465400, 5079500),
            new(465220, 5079500), new(465220, 5079300)]);
        var coverage = MaskBuilder.Build(square, grid, MaskRule.Coverage).Coverage!;
        for (var r = 0; r < 30; r++)
        {
            for (var c = 0; c < 30; c++)
            {
                var inside = c is >= 4 and < 22 && r is >= 4 and < 24; // x 465220…465400, y 5079500…5079300
                Assert.Equal(inside ? 1.0 : 0.0, coverage[grid.Index(c, r)]);
            }
        }
    }

    [Fact]
    public void Random_concave_polygons_agree_with_the_per_point_rule_and_their_area()
    {
        var random = new Random(20240626);
        for (var trial = 0; trial < 100; trial++)
        {
            var polygon = RandomStar(random, 600_000 + random.NextDouble() * 1000, 5_000_000 + random.NextDouble() * 1000,
                20 + random.NextDouble() * 80, 3 + random.Next(30));
            var res = 4 + random.NextDouble() * 15;
            var grid = SampleGrid.FromResolution(polygon.EnvelopeInternal, res, res * (0.5 + random.NextDouble()));
            Assert.Equal(NaiveSubsample(polygon, grid, 16), MaskBuilder.Build(polygon, grid).Inside);
            var sum = MaskBuilder.Build(polygon, grid, MaskRule.Coverage).Coverage!.Sum();
            Assert.Equal(1.0, sum * grid.PixelWidth * grid.PixelHeight / polygon.Area, 1e-9);
        }
    }

    /// <summary>A star-shaped (generally concave) simple polygon around (cx, cy).</summary>
    internal static Polygon RandomStar(Random random, double cx, double cy, double radius, int vertices)
    {
        var angles = Enumerable.Range(0, vertices).Select(_ => random.NextDouble() * 2 * Math.PI).Order().ToArray();
        var coordinates = angles.Select(a =>
        {
            var r = radius * (0.3 + 0.7 * random.NextDouble());
            return new Coordinate(cx + r * Math.Cos(a), cy + r * Math.Sin(a));
        }).ToList();
        coordinates.Add(coordinates[0].Copy());
        return s_factory.CreatePolygon(coordinates.ToArray());
    }
}
