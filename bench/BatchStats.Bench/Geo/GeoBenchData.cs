using BatchStats.Geo;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace BatchStats.Bench.Geo;

/// <summary>Inputs for the mask benchmarks: the 364 example parcels in UTM, and synthetic 0.5–5 ha parcels.</summary>
public static class GeoBenchData
{
    private static readonly GeometryFactory s_factory = new();

    /// <summary>The Sentinel Hub example parcels (shared/data), reprojected to EPSG:32633 as in the S9 evidence.</summary>
    public static List<Geometry> ExampleParcelsUtm()
    {
        var path = FindShared("data/parcels/geopackage-example.gpkg");
        var toUtm = CrsTransform.Create(4326, 32633);
        using var reader = GeoPackageReader.Open(path);
        return reader.ReadAll().Select(f => toUtm.Transform(f.Geometry!)).ToList();
    }

    /// <summary>Random parcels of 0.5–5 ha in UTM: half convex (hull of random points), half concave (star).</summary>
    public static List<Geometry> SyntheticParcels(int count, int seed = 42)
    {
        var random = new Random(seed);
        var result = new List<Geometry>(count);
        for (var i = 0; i < count; i++)
        {
            var cx = 400_000 + random.NextDouble() * 200_000;
            var cy = 5_000_000 + random.NextDouble() * 200_000;
            var vertices = 4 + random.Next(28);
            var coordinates = new Coordinate[vertices + 1];
            if (i % 2 == 0)
            {
                for (var k = 0; k < vertices; k++)
                {
                    coordinates[k] = new Coordinate(cx + random.NextDouble() * 100, cy + random.NextDouble() * 100);
                }

                coordinates[vertices] = coordinates[0].Copy();
            }
            else
            {
                var angles = Enumerable.Range(0, vertices).Select(_ => random.NextDouble() * 2 * Math.PI).Order().ToArray();
                for (var k = 0; k < vertices; k++)
                {
                    var r = 50 * (0.35 + 0.65 * random.NextDouble());
                    coordinates[k] = new Coordinate(cx + r * Math.Cos(angles[k]), cy + r * Math.Sin(angles[k]));
                }

                coordinates[vertices] = coordinates[0].Copy();
            }

            Geometry shape = i % 2 == 0
                ? new ConvexHull(coordinates, s_factory).GetConvexHull()
                : s_factory.CreatePolygon(coordinates);
            if (shape is not Polygon || shape.Area <= 0)
            {
                i--;
                continue;
            }

            // Scale about the centroid to a target area of 0.5–5 ha.
            var target = 5_000 + random.NextDouble() * 45_000;
            var scale = Math.Sqrt(target / shape.Area);
            var centre = shape.Centroid.Coordinate;
            var scaled = s_factory.CreatePolygon(shape.Coordinates
                .Select(c => new Coordinate(centre.X + (c.X - centre.X) * scale, centre.Y + (c.Y - centre.Y) * scale)).ToArray());
            result.Add(scaled);
        }

        return result;
    }

    /// <summary>The S12 rule point by point (256 even-odd tests per pixel): the baseline the scan-line form replaces.</summary>
    public static int NaiveSubsample16(Geometry polygonal, SampleGrid grid)
    {
        var inside = 0;
        for (var r = 0; r < grid.Height; r++)
        {
            for (var c = 0; c < grid.Width; c++)
            {
                var hit = false;
                for (var k = 0; k < 256 && !hit; k++)
                {
                    var x = grid.MinX + (c + ((k % 16) + 0.5) / 16) * grid.PixelWidth;
                    var y = grid.MaxY - (r + ((k / 16) + 0.5) / 16) * grid.PixelHeight;
                    hit = PointInPolygon.Contains(polygonal, x, y);
                }

                inside += hit ? 1 : 0;
            }
        }

        return inside;
    }

    private static string FindShared(string relative)
    {
        var env = Environment.GetEnvironmentVariable("BATCHSTATS_SHARED");
        if (!string.IsNullOrEmpty(env) && File.Exists(Path.Combine(env, relative)))
        {
            return Path.Combine(env, relative);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"shared/{relative} not found; set BATCHSTATS_SHARED to the shared folder.");
    }
}
