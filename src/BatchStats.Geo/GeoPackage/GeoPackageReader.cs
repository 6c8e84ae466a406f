using System.Globalization;
using Microsoft.Data.Sqlite;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace BatchStats.Geo;

/// <summary>
/// Reads the features of a GeoPackage (batch-statistical-api §6.2) as a stream: rows are read from an SQLite data
/// reader in primary-key order and never held all at once. File-level problems throw <see cref="GeoPackageException"/>
/// from <see cref="Open(string, GeoPackageReaderOptions?)"/>; per-feature problems are returned in
/// <see cref="GeoFeature.Error"/>. One SQLite connection per instance: not thread-safe, open one reader per worker.
/// </summary>
public sealed class GeoPackageReader : IDisposable
{
    private const string SrsFunction = "batchstats_gpkg_blob_srs";
    private readonly SqliteConnection _connection;
    private readonly GeoPackageReaderOptions _options;
    private readonly GeometryFactory _factory;
    private readonly string _selectColumns;
    private readonly string _quotedTable;
    private readonly string _quotedKey;

    private GeoPackageReader(SqliteConnection connection, GeoPackageReaderOptions options, LayerInfo layer)
    {
        _connection = connection;
        _options = options;
        FilePath = layer.Path;
        TableName = layer.Table;
        FeatureTables = layer.AllTables;
        GeometryColumn = layer.GeometryColumn;
        GeometryTypeName = layer.GeometryTypeName;
        PrimaryKeyColumn = layer.PrimaryKey;
        IdentifierColumn = layer.IdentifierColumn;
        SrsId = layer.SrsId;
        Epsg = layer.Epsg;
        Extent = layer.Extent;
        _factory = NtsGeometryServices.Instance.CreateGeometryFactory(layer.Epsg);
        _quotedTable = Quote(layer.Table);
        _quotedKey = Quote(layer.PrimaryKey);
        _selectColumns = $"{_quotedKey}, {Quote(layer.GeometryColumn)}, " +
                         (layer.IdentifierColumn is null ? "NULL" : Quote(layer.IdentifierColumn));
    }

    public string FilePath { get; }

    /// <summary>The feature table being read.</summary>
    public string TableName { get; }

    /// <summary>All feature tables of the file, ordered by table_name.</summary>
    public IReadOnlyList<string> FeatureTables { get; }

    public string GeometryColumn { get; }

    /// <summary>Declared geometry type (<c>gpkg_geometry_columns.geometry_type_name</c>), e.g. MULTIPOLYGON.</summary>
    public string GeometryTypeName { get; }

    public string PrimaryKeyColumn { get; }

    /// <summary>The <c>identifier</c> column, or null when the table has none (identifiers are then null).</summary>
    public string? IdentifierColumn { get; }

    /// <summary>The layer's <c>srs_id</c> (a key into gpkg_spatial_ref_sys; usually but not necessarily the EPSG code).</summary>
    public int SrsId { get; }

    /// <summary>The EPSG code of the features' CRS; always one of <see cref="EpsgCrs.IsSupported"/>.</summary>
    public int Epsg { get; }

    /// <summary>Bounds declared in gpkg_contents (may be absent or stale; do not use for grids).</summary>
    public Envelope? Extent { get; }

    /// <summary>Number of rows in the feature table (SELECT COUNT(*), counted at open).</summary>
    public long Count { get; private set; }

    public static GeoPackageReader Open(string path, string layer) =>
        Open(path, new GeoPackageReaderOptions { Layer = layer });

    public static GeoPackageReader Open(string path, GeoPackageReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= GeoPackageReaderOptions.Default;
        SqliteFileCheck.Check(path);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            var layer = LayerInfo.Load(connection, path, options.Layer);
            var reader = new GeoPackageReader(connection, options, layer);
            reader.Count = reader.CountRows();
            if (reader.Count > options.MaxFeatures)
            {
                throw new GeoPackageException(path,
                    $"layer '{layer.Table}' has {reader.Count} features, more than the maximum of {options.MaxFeatures}");
            }

            if (options.CheckMixedSrs)
            {
                reader.CheckSingleSrs();
            }

            return reader;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new GeoPackageException(path, $"the file cannot be read as SQLite: {ex.Message}", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>All features in primary-key order, streamed.</summary>
    public IEnumerable<GeoFeature> ReadAll() =>
        Query($"SELECT {_selectColumns} FROM {_quotedTable} ORDER BY {_quotedKey}");

    /// <summary>Up to <paramref name="count"/> features with primary key &gt; <paramref name="afterId"/> (keyset paging).</summary>
    public IEnumerable<GeoFeature> ReadAfter(long afterId, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Query($"SELECT {_selectColumns} FROM {_quotedTable} WHERE {_quotedKey} > $after ORDER BY {_quotedKey} LIMIT $count",
            ("$after", afterId), ("$count", count));
    }

    /// <summary>Up to <paramref name="count"/> features starting at row <paramref name="offset"/> in key order.</summary>
    public IEnumerable<GeoFeature> ReadPage(long offset, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Query($"SELECT {_selectColumns} FROM {_quotedTable} ORDER BY {_quotedKey} LIMIT $count OFFSET $offset",
            ("$offset", offset), ("$count", count));
    }

    /// <summary>The feature with primary key <paramref name="id"/>, or null.</summary>
    public GeoFeature? Read(long id) =>
        Query($"SELECT {_selectColumns} FROM {_quotedTable} WHERE {_quotedKey} = $id", ("$id", id)).FirstOrDefault();

    /// <summary>
    /// Keyset boundaries for splitting the layer into chunks of <paramref name="chunkSize"/> features: chunk i is
    /// <c>ReadAfter(result[i], chunkSize)</c>. The first value is <see cref="long.MinValue"/>. Reads only the keys.
    /// </summary>
    public IReadOnlyList<long> ChunkStarts(int chunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        var starts = new List<long> { long.MinValue };
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT {_quotedKey} FROM {_quotedTable} ORDER BY {_quotedKey}";
        using var reader = command.ExecuteReader();
        long row = 0;
        while (reader.Read())
        {
            row++;
            if (row % chunkSize == 0)
            {
                starts.Add(reader.GetInt64(0));
            }
        }

        if (starts.Count > 1 && row % chunkSize == 0)
        {
            starts.RemoveAt(starts.Count - 1); // no empty trailing chunk
        }

        return starts;
    }

    public void Dispose() => _connection.Dispose();

    private long CountRows()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {_quotedTable}";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private void CheckSingleSrs()
    {
        _connection.CreateFunction(SrsFunction, (byte[]? head) => head is null ? null : (long?)GeoPackageBlob.ReadSrsId(head),
            isDeterministic: true);
        using var command = _connection.CreateCommand();
        var geom = Quote(GeometryColumn);
        command.CommandText =
            $"SELECT {_quotedKey}, s FROM (SELECT {_quotedKey}, {SrsFunction}(substr({geom}, 1, 8)) AS s FROM {_quotedTable}) " +
            "WHERE s IS NOT NULL AND s <> $srs LIMIT 1";
        command.Parameters.AddWithValue("$srs", SrsId);
        using var reader = command.ExecuteReader();
        if (reader.Read())
        {
            throw new GeoPackageException(FilePath,
                $"mixed CRS: feature {reader.GetInt64(0)} has a geometry with srs_id {reader.GetInt64(1)} but layer " +
                $"'{TableName}' declares srs_id {SrsId} (EPSG:{Epsg}); all features must be in one CRS");
        }
    }

    private IEnumerable<GeoFeature> Query(string sql, params (string Name, long Value)[] parameters)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = Execute(command);
        while (ReadNext(reader))
        {
            var id = reader.GetInt64(0);
            var identifier = reader.IsDBNull(2) ? null : Convert.ToString(reader.GetValue(2), CultureInfo.InvariantCulture);
            var blob = reader.IsDBNull(1) ? null : reader.GetValue(1) as byte[];
            yield return ToFeature(id, identifier, blob, reader.IsDBNull(1));
        }
    }

    private GeoFeature ToFeature(long id, string? identifier, byte[]? blob, bool isNull)
    {
        if (isNull)
        {
            return new GeoFeature(id, identifier, null, "geometry is NULL");
        }

        if (blob is null)
        {
            return new GeoFeature(id, identifier, null, "geometry column does not hold a BLOB");
        }

        var geometry = GeoPackageBlob.Read(blob, _factory, out var srsId, out var error);
        if (geometry is null)
        {
            return new GeoFeature(id, identifier, null, error);
        }

        if (srsId != SrsId)
        {
            return new GeoFeature(id, identifier, geometry,
                $"geometry srs_id {srsId} differs from the layer's srs_id {SrsId}");
        }

        geometry.SRID = Epsg;
        if (geometry is not (Polygon or MultiPolygon))
        {
            return new GeoFeature(id, identifier, geometry,
                $"geometry type {geometry.GeometryType} is not Polygon or MultiPolygon");
        }

        if (geometry.IsEmpty)
        {
            return new GeoFeature(id, identifier, geometry, "geometry is empty");
        }

        if (_options.ValidateGeometry)
        {
            var validation = new IsValidOp(geometry).ValidationError;
            if (validation is not null)
            {
                return new GeoFeature(id, identifier, geometry,
                    $"geometry is invalid: {validation.Message} at ({validation.Coordinate?.X.ToString(CultureInfo.InvariantCulture)} " +
                    $"{validation.Coordinate?.Y.ToString(CultureInfo.InvariantCulture)})");
            }
        }

        return new GeoFeature(id, identifier, geometry, null);
    }

    private SqliteDataReader Execute(SqliteCommand command)
    {
        try
        {
            return command.ExecuteReader();
        }
        catch (SqliteException ex)
        {
            throw new GeoPackageException(FilePath, $"reading layer '{TableName}' failed: {ex.Message}", ex);
        }
    }

    private bool ReadNext(SqliteDataReader reader)
    {
        try
        {
            return reader.Read();
        }
        catch (SqliteException ex)
        {
            throw new GeoPackageException(FilePath, $"reading layer '{TableName}' failed (damaged file?): {ex.Message}", ex);
        }
    }

    internal static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
