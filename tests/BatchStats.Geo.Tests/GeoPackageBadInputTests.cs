using BatchStats.TestSupport;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;

namespace BatchStats.Geo.Tests;

/// <summary>§6.2: file-level problems are a clear GeoPackageException; per-feature problems are per-feature errors.</summary>
public sealed class GeoPackageBadInputTests : IDisposable
{
    private static readonly GeometryFactory s_factory = new();
    private readonly TempDirectory _temp = new("geo-bad");

    public void Dispose() => _temp.Dispose();

    private static Polygon Square(double x, double y, double size) =>
        s_factory.CreatePolygon([new(x, y), new(x + size, y), new(x + size, y + size), new(x, y + size), new(x, y)]);

    private string WriteValid(string name, int epsg = 32633, int features = 3)
    {
        var path = _temp.Combine(name);
        using var writer = GeoPackageWriter.Create(path, epsg);
        for (var i = 0; i < features; i++)
        {
            writer.Add(Square(500_000 + 100 * i, 5_000_000, 50), $"f{i}");
        }

        return path;
    }

    private static void Sql(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False;Foreign Keys=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Problem(string path) => Assert.Throws<GeoPackageException>(() => GeoPackageReader.Open(path)).Problem;

    [Fact]
    public void Written_file_round_trips()
    {
        var path = WriteValid("ok.gpkg");
        using var reader = GeoPackageReader.Open(path);
        Assert.Equal((32633, "features", "id", 3L), (reader.Epsg, reader.TableName, reader.PrimaryKeyColumn, reader.Count));
        var features = reader.ReadAll().ToList();
        Assert.Equal(new long[] { 1, 2, 3 }, features.Select(f => f.Id));
        Assert.Equal(new[] { "f0", "f1", "f2" }, features.Select(f => f.Identifier));
        Assert.Equal(2500, features[1].Geometry!.Area);
        Assert.True(features[1].Geometry!.EqualsExact(Square(500_100, 5_000_000, 50)));
        Assert.Equal(new Envelope(500_000, 500_250, 5_000_000, 5_000_050), reader.Extent);
    }

    [Fact]
    public void Truncated_file()
    {
        var path = WriteValid("truncated.gpkg", features: 200);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        Assert.Contains("truncated", Problem(path));
    }

    [Fact]
    public void Text_file()
    {
        var path = _temp.Combine("notes.gpkg");
        File.WriteAllText(path, "id,geometry\n1,POLYGON((0 0,1 0,1 1,0 0))\n");
        Assert.Contains("not an SQLite database", Problem(path));
    }

    [Fact]
    public void Empty_and_missing_files()
    {
        var path = _temp.Combine("empty.gpkg");
        File.WriteAllBytes(path, []);
        Assert.Contains("empty (0 bytes)", Problem(path));
        Assert.Contains("file not found", Problem(_temp.Combine("absent.gpkg")));
    }

    [Fact]
    public void Sqlite_without_geopackage_tables()
    {
        var path = _temp.Combine("plain.sqlite");
        Sql(path, "CREATE TABLE parcels (id INTEGER PRIMARY KEY, wkt TEXT)");
        Assert.Equal("not a GeoPackage: the SQLite file has no gpkg_contents, gpkg_geometry_columns, gpkg_spatial_ref_sys tables",
            Problem(path));
    }

    [Fact]
    public void No_feature_table()
    {
        var path = WriteValid("tiles-only.gpkg");
        Sql(path, "UPDATE gpkg_contents SET data_type = 'attributes'");
        Assert.Contains("no feature table", Problem(path));
    }

    [Fact]
    public void Unsupported_epsg()
    {
        var path = WriteValid("swiss.gpkg", epsg: 2056);
        Assert.Contains("EPSG:2056, which is not supported", Problem(path));
    }

    [Fact]
    public void Srs_missing_from_spatial_ref_sys()
    {
        var path = WriteValid("nosrs.gpkg");
        Sql(path, "DELETE FROM gpkg_spatial_ref_sys WHERE srs_id = 32633");
        Assert.Contains("srs_id 32633, which is missing from gpkg_spatial_ref_sys", Problem(path));
    }

    [Fact]
    public void Undefined_and_non_epsg_crs()
    {
        var undefined = WriteValid("undefined.gpkg");
        Sql(undefined, "UPDATE gpkg_geometry_columns SET srs_id = -1");
        Assert.Contains("undefined CRS (srs_id -1)", Problem(undefined));

        var esri = WriteValid("esri.gpkg");
        Sql(esri, "UPDATE gpkg_spatial_ref_sys SET organization = 'ESRI' WHERE srs_id = 32633");
        Assert.Contains("ESRI:32633, not an EPSG code", Problem(esri));
    }

    [Fact]
    public void Srs_id_that_is_not_the_epsg_code_is_resolved_through_spatial_ref_sys()
    {
        var path = WriteValid("custom-srs-id.gpkg");
        Sql(path, "PRAGMA foreign_keys = OFF; UPDATE gpkg_spatial_ref_sys SET srs_id = 100000 WHERE srs_id = 32633;" +
                  "UPDATE gpkg_geometry_columns SET srs_id = 100000;");
        // The blobs still say 32633: that is a mixed CRS now.
        Assert.Contains("mixed CRS: feature 1 has a geometry with srs_id 32633 but layer 'features' declares srs_id 100000 (EPSG:32633)",
            Problem(path));
        using var lenient = GeoPackageReader.Open(path, new GeoPackageReaderOptions { CheckMixedSrs = false });
        Assert.Equal(32633, lenient.Epsg);
        Assert.All(lenient.ReadAll(), f => Assert.Equal("geometry srs_id 32633 differs from the layer's srs_id 100000", f.Error));
    }

    [Fact]
    public void Mixed_srs_blobs()
    {
        var path = _temp.Combine("mixed.gpkg");
        using (var writer = GeoPackageWriter.Create(path, 32633))
        {
            writer.Add(Square(500_000, 5_000_000, 50), "utm");
            writer.AddRaw(GeoPackageBlob.Write(Square(15, 46, 0.001), 4326), "wgs84");
        }

        Assert.Contains("mixed CRS: feature 2 has a geometry with srs_id 4326", Problem(path));
    }

    [Fact]
    public void More_than_700000_features()
    {
        var path = WriteValid("big.gpkg", features: 0);
        Sql(path, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 700001) " +
                  "INSERT INTO features (id, geometry, identifier) SELECT i, NULL, NULL FROM n");
        Assert.Equal("layer 'features' has 700001 features, more than the maximum of 700000", Problem(path));

        Sql(path, "DELETE FROM features WHERE id = 700001");
        using var reader = GeoPackageReader.Open(path);
        Assert.Equal(700_000, reader.Count);
    }

    [Fact]
    public void Table_without_integer_primary_key()
    {
        var path = WriteValid("nokey.gpkg");
        Sql(path, "CREATE TABLE t2 (name TEXT, geometry BLOB); INSERT INTO gpkg_contents (table_name, data_type, srs_id) " +
                  "VALUES ('a_first', 'features', 32633); INSERT INTO gpkg_geometry_columns VALUES ('a_first', 'geometry', 'POLYGON', 32633, 0, 0);" +
                  "ALTER TABLE t2 RENAME TO a_first;");
        Assert.Contains("layer 'a_first' has no INTEGER PRIMARY KEY column", Problem(path));
        using var named = GeoPackageReader.Open(path, "features");
        Assert.Equal(3, named.Count);
    }

    [Fact]
    public void Per_feature_problems_are_errors_not_exceptions()
    {
        var path = _temp.Combine("per-feature.gpkg");
        using (var writer = GeoPackageWriter.Create(path, 32633))
        {
            writer.Add(Square(500_000, 5_000_000, 50), "good");
            writer.Add(s_factory.CreatePoint(new Coordinate(500_000, 5_000_000)), "point");
            writer.Add(s_factory.CreatePolygon(), "empty");
            writer.Add(null, "null");
            writer.AddRaw([0x47, 0x50, 0, 1, 0x79, 0x7F, 0, 0, 1, 3, 0, 0], "truncated wkb");
            writer.AddRaw("not a blob"u8.ToArray(), "garbage");
            var bowtie = s_factory.CreatePolygon([new(500_000, 5_000_000), new(500_010, 5_000_010), new(500_010, 5_000_000),
                new(500_000, 5_000_010), new(500_000, 5_000_000)]);
            writer.Add(bowtie, "bowtie");
            writer.Add(s_factory.CreateLineString([new(500_000, 5_000_000), new(500_010, 5_000_010)]), "line");
            writer.Add(Square(500_100, 5_000_000, 50), null);
        }

        using var reader = GeoPackageReader.Open(path);
        var byIdentifier = reader.ReadAll().ToList();
        Assert.Equal(9, byIdentifier.Count);
        Assert.Null(byIdentifier[0].Error);
        Assert.Equal("geometry type Point is not Polygon or MultiPolygon", byIdentifier[1].Error);
        Assert.Equal("geometry is empty", byIdentifier[2].Error);
        Assert.Equal("geometry is NULL", byIdentifier[3].Error);
        Assert.StartsWith("geometry WKB could not be parsed", byIdentifier[4].Error);
        Assert.StartsWith("geometry blob does not start with the GeoPackage magic 'GP'", byIdentifier[5].Error);
        Assert.StartsWith("geometry is invalid: Self-intersection", byIdentifier[6].Error);
        Assert.Equal("geometry type LineString is not Polygon or MultiPolygon", byIdentifier[7].Error);
        Assert.Null(byIdentifier[8].Error);
        Assert.Null(byIdentifier[8].Identifier);
        Assert.Equal(9, byIdentifier[8].Id);
    }

    [Fact]
    public void Missing_identifier_column_gives_null_identifiers_and_fid_key_is_found()
    {
        var path = WriteValid("gdal-style.gpkg");
        Sql(path, "CREATE TABLE g (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB, name TEXT);" +
                  "INSERT INTO g (fid, geom, name) SELECT id + 10, geometry, identifier FROM features;" +
                  "DROP TABLE features; ALTER TABLE g RENAME TO features;" +
                  "UPDATE gpkg_geometry_columns SET column_name = 'geom';");
        using var reader = GeoPackageReader.Open(path);
        Assert.Equal(("fid", (string?)null, "geom"), (reader.PrimaryKeyColumn, reader.IdentifierColumn, reader.GeometryColumn));
        var features = reader.ReadAll().ToList();
        Assert.Equal(new long[] { 11, 12, 13 }, features.Select(f => f.Id));
        Assert.All(features, f => Assert.Null(f.Identifier));
        Assert.All(features, f => Assert.Null(f.Error));
    }

    [Fact]
    public void First_feature_table_by_name_is_chosen()
    {
        var path = WriteValid("two-layers.gpkg");
        Sql(path, "CREATE TABLE aaa (id INTEGER PRIMARY KEY, geometry BLOB, identifier TEXT);" +
                  "INSERT INTO gpkg_contents (table_name, data_type, srs_id) VALUES ('aaa', 'features', 4326);" +
                  "INSERT INTO gpkg_geometry_columns VALUES ('aaa', 'geometry', 'MULTIPOLYGON', 4326, 0, 0);");
        using var reader = GeoPackageReader.Open(path);
        Assert.Equal(("aaa", 4326, 0L), (reader.TableName, reader.Epsg, reader.Count));
        Assert.Equal(new[] { "aaa", "features" }, reader.FeatureTables);
    }
}
