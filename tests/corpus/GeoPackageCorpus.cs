using BatchStats.Geo;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;

namespace BatchStats.Reliability.Tests.Corpus;

/// <summary>
/// Writes the GeoPackages of the bad-input corpus at test time (binary blobs are not committed: this generator is the
/// reviewable form). Every file starts from a few real fields (same ids, identifiers and geometries as the source
/// GeoPackage, EPSG:32633) and then breaks one thing, named by the manifest's <c>geopackage</c> value.
/// </summary>
public static class GeoPackageCorpus
{
    /// <summary>The id given to the one bad feature of a feature-level case (after the good ones).</summary>
    public const long BadFeatureId = 100;

    /// <summary>Good feature ids copied from the source GeoPackage.</summary>
    public static readonly long[] GoodFeatureIds = [1, 2, 3];

    private const int Utm33N = 32633;
    private static readonly GeometryFactory s_factory = new();

    /// <summary>Every name <see cref="Write"/> understands.</summary>
    public static readonly IReadOnlyList<string> Kinds =
    [
        "clean", "truncated", "not-sqlite", "empty-file", "sqlite-not-geopackage", "no-feature-table", "zero-features",
        "mixed-crs", "unknown-epsg", "point-geometry", "zero-area", "self-intersecting", "null-geometry", "empty-geometry",
        "garbage-blob", "line-geometry", "huge-identifier", "non-utf8-identifier",
    ];

    /// <summary>Writes the GeoPackage <paramref name="kind"/> to <paramref name="path"/> from <paramref name="sourceGpkg"/>.</summary>
    public static void Write(string kind, string path, string sourceGpkg, int goodFeatures = 3)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(goodFeatures, GoodFeatureIds.Length);
        void WriteGood(string path, string sourceGpkg, int epsg, Action<GeoPackageWriter>? addBad = null) =>
            WriteFeatures(path, sourceGpkg, epsg, GoodFeatureIds[..goodFeatures], addBad);

        switch (kind)
        {
            case "clean":
                WriteGood(path, sourceGpkg, Utm33N);
                break;
            case "truncated":
            {
                WriteGood(path, sourceGpkg, Utm33N);
                var bytes = File.ReadAllBytes(path);
                File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]); // header intact, pages missing
                break;
            }

            case "not-sqlite":
                File.WriteAllText(path, "id,geometry\n1,POLYGON((0 0,1 0,1 1,0 0))\n"); // a CSV named .gpkg
                break;
            case "empty-file":
                File.WriteAllBytes(path, []);
                break;
            case "sqlite-not-geopackage":
                Sql(path, "CREATE TABLE fields (id INTEGER PRIMARY KEY, wkt TEXT); INSERT INTO fields VALUES (1, 'POINT(0 0)');");
                break;
            case "no-feature-table":
                WriteGood(path, sourceGpkg, Utm33N);
                Sql(path, "DELETE FROM gpkg_geometry_columns; DELETE FROM gpkg_contents; DROP TABLE features;");
                break;
            case "zero-features":
                WriteGood(path, sourceGpkg, Utm33N);
                Sql(path, "DELETE FROM features;");
                break;
            case "mixed-crs":
                // One feature's blob says EPSG:4326 while the layer is EPSG:32633.
                WriteGood(path, sourceGpkg, Utm33N, w => w.AddRaw(
                    GeoPackageBlob.Write(Square(14.55, 45.87, 0.0005), 4326), "mixed-crs", BadFeatureId));
                Sql(path, "INSERT OR IGNORE INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition) " +
                          "VALUES ('WGS 84', 4326, 'EPSG', 4326, 'GEOGCS[\"WGS 84\"]');");
                break;
            case "unknown-epsg":
                // CH1903+ / LV95: a real CRS, but not one of 4326, 3857, 326xx, 327xx.
                WriteGood(path, sourceGpkg, 2056);
                break;
            case "point-geometry":
                WriteGood(path, sourceGpkg, Utm33N, w => w.Add(s_factory.CreatePoint(new Coordinate(465_700, 5_079_700)), "point", BadFeatureId));
                break;
            case "zero-area":
                // A closed ring whose points are collinear: a polygon without area.
                WriteGood(path, sourceGpkg, Utm33N, w => w.Add(s_factory.CreatePolygon(
                    [new(465_600, 5_079_600), new(465_700, 5_079_700), new(465_650, 5_079_650), new(465_600, 5_079_600)]), "zero-area", BadFeatureId));
                break;
            case "self-intersecting":
                WriteGood(path, sourceGpkg, Utm33N, w => w.Add(s_factory.CreatePolygon(
                    [new(465_600, 5_079_600), new(465_700, 5_079_700), new(465_700, 5_079_600), new(465_600, 5_079_700), new(465_600, 5_079_600)]),
                    "bowtie", BadFeatureId));
                break;
            case "null-geometry":
                WriteGood(path, sourceGpkg, Utm33N, w => w.Add(null, "null-geometry", BadFeatureId));
                break;
            case "empty-geometry":
                WriteGood(path, sourceGpkg, Utm33N, w => w.Add(s_factory.CreatePolygon(), "empty-geometry", BadFeatureId));
                break;
            case "garbage-blob":
                WriteGood(path, sourceGpkg, Utm33N, w => w.AddRaw("definitely not a geometry"u8.ToArray(), "garbage", BadFeatureId));
                break;
            case "line-geometry":
                WriteGood(path, sourceGpkg, Utm33N, w => w.Add(s_factory.CreateLineString([new(465_600, 5_079_600), new(465_700, 5_079_700)]),
                    "line", BadFeatureId));
                break;
            case "huge-identifier":
                // 10 MB identifier on an otherwise fine polygon.
                WriteGood(path, sourceGpkg, Utm33N, w => w.Add(Square(465_600, 5_079_600, 40), new string('x', 10 * 1024 * 1024), BadFeatureId));
                break;
            case "non-utf8-identifier":
                WriteGood(path, sourceGpkg, Utm33N, w => w.Add(Square(465_600, 5_079_600, 40), "placeholder", BadFeatureId));
                // 0x80 and 0xFF can never appear in UTF-8; SQLite stores the bytes as TEXT unchanged.
                Sql(path, $"UPDATE features SET identifier = CAST(X'41FF8042' AS TEXT) WHERE id = {BadFeatureId};");
                break;
            default:
                throw new ArgumentException($"unknown corpus GeoPackage '{kind}'; known: {string.Join(", ", Kinds)}", nameof(kind));
        }
    }

    private static void WriteFeatures(string path, string sourceGpkg, int epsg, long[] goodIds, Action<GeoPackageWriter>? addBad)
    {
        using (var source = GeoPackageReader.Open(sourceGpkg))
        using (var writer = GeoPackageWriter.Create(path, epsg))
        {
            foreach (var id in goodIds)
            {
                var feature = source.Read(id) ?? throw new InvalidOperationException($"feature {id} is missing from {sourceGpkg}");
                writer.Add(feature.Geometry, feature.Identifier, feature.Id);
            }

            addBad?.Invoke(writer);
        }

        SqliteConnection.ClearAllPools();
    }

    private static Polygon Square(double x, double y, double size) =>
        s_factory.CreatePolygon([new(x, y), new(x + size, y), new(x + size, y + size), new(x, y + size), new(x, y)]);

    private static void Sql(string path, string sql)
    {
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False;Foreign Keys=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
    }
}
