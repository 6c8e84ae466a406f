using System.Globalization;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;

namespace BatchStats.Geo;

/// <summary>
/// Writes a minimal valid GeoPackage with one feature table
/// <c>(id INTEGER PRIMARY KEY, geometry MULTIPOLYGON, identifier TEXT)</c>, the layout of Sentinel Hub's example file.
/// Used by tests and tooling; any EPSG code can be declared (also unsupported ones, to build bad inputs).
/// All rows go into one transaction committed by <see cref="Dispose"/>.
/// </summary>
public sealed class GeoPackageWriter : IDisposable
{
    private const int GpkgApplicationId = 0x47504B47; // "GPKG"
    private const int GpkgUserVersion = 10300; // GeoPackage 1.3

    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly SqliteCommand _insert;
    private readonly string _table;
    private readonly Envelope _extent = new();
    private bool _disposed;

    private GeoPackageWriter(SqliteConnection connection, string table, int srsId)
    {
        _connection = connection;
        _table = table;
        SrsId = srsId;
        _transaction = connection.BeginTransaction();
        _insert = connection.CreateCommand();
        _insert.Transaction = _transaction;
        _insert.CommandText = $"INSERT INTO {GeoPackageReader.Quote(table)} (id, geometry, identifier) VALUES ($id, $g, $i)";
        _insert.Parameters.Add("$id", SqliteType.Integer);
        _insert.Parameters.Add("$g", SqliteType.Blob);
        _insert.Parameters.Add("$i", SqliteType.Text);
    }

    /// <summary>srs_id written into the layer and every blob (= the EPSG code).</summary>
    public int SrsId { get; }

    /// <summary>Creates (or replaces) <paramref name="path"/> with an empty layer in EPSG:<paramref name="epsg"/>.</summary>
    public static GeoPackageWriter Create(string path, int epsg, string tableName = "features")
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        connection.Open();
        try
        {
            CreateSchema(connection, tableName, epsg);
            return new GeoPackageWriter(connection, tableName, epsg);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Adds a feature; <paramref name="id"/> null lets SQLite assign the next key. Returns the key.</summary>
    public long Add(Geometry? geometry, string? identifier = null, long? id = null)
    {
        if (geometry is not null && !geometry.IsEmpty)
        {
            _extent.ExpandToInclude(geometry.EnvelopeInternal);
        }

        return AddRaw(geometry is null ? null : GeoPackageBlob.Write(geometry, SrsId), identifier, id);
    }

    /// <summary>Adds a feature with a raw geometry blob (for damaged-input tests).</summary>
    public long AddRaw(byte[]? geometryBlob, string? identifier = null, long? id = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _insert.Parameters["$id"].Value = id is null ? DBNull.Value : id.Value;
        _insert.Parameters["$g"].Value = geometryBlob is null ? DBNull.Value : geometryBlob;
        _insert.Parameters["$i"].Value = identifier is null ? DBNull.Value : identifier;
        _insert.ExecuteNonQuery();
        using var last = _connection.CreateCommand();
        last.Transaction = _transaction;
        last.CommandText = "SELECT last_insert_rowid()";
        return Convert.ToInt64(last.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (!_extent.IsNull)
            {
                using var update = _connection.CreateCommand();
                update.Transaction = _transaction;
                update.CommandText =
                    "UPDATE gpkg_contents SET min_x = $a, max_x = $b, min_y = $c, max_y = $d WHERE table_name = $t";
                update.Parameters.AddWithValue("$a", _extent.MinX);
                update.Parameters.AddWithValue("$b", _extent.MaxX);
                update.Parameters.AddWithValue("$c", _extent.MinY);
                update.Parameters.AddWithValue("$d", _extent.MaxY);
                update.Parameters.AddWithValue("$t", _table);
                update.ExecuteNonQuery();
            }

            _transaction.Commit();
        }
        finally
        {
            _insert.Dispose();
            _transaction.Dispose();
            _connection.Dispose();
        }
    }

    private static void CreateSchema(SqliteConnection connection, string table, int epsg)
    {
        var quoted = GeoPackageReader.Quote(table);
        Execute(connection, $"PRAGMA application_id = {GpkgApplicationId}; PRAGMA user_version = {GpkgUserVersion};");
        Execute(connection, """
            CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY,
              organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
            CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
              description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
              min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
              CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
            CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
              geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
              CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
              CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
              CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
            INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', NULL);
            INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', NULL);
            """);
        InsertSrs(connection, EpsgCrs.Wgs84);
        if (epsg != EpsgCrs.Wgs84)
        {
            InsertSrs(connection, epsg);
        }

        Execute(connection, $"CREATE TABLE {quoted} (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geometry MULTIPOLYGON, identifier TEXT)");
        using var contents = connection.CreateCommand();
        contents.CommandText =
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ($t, 'features', $t, $s);" +
            "INSERT INTO gpkg_geometry_columns VALUES ($t, 'geometry', 'MULTIPOLYGON', $s, 0, 0);";
        contents.Parameters.AddWithValue("$t", table);
        contents.Parameters.AddWithValue("$s", epsg);
        contents.ExecuteNonQuery();
    }

    private static void InsertSrs(SqliteConnection connection, int epsg)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO gpkg_spatial_ref_sys VALUES ($n, $s, 'EPSG', $s, $d, NULL)";
        command.Parameters.AddWithValue("$n", $"EPSG:{epsg}");
        command.Parameters.AddWithValue("$s", epsg);
        command.Parameters.AddWithValue("$d", EpsgCrs.IsSupported(epsg) ? EpsgCrs.Get(epsg).WKT : "undefined");
        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
