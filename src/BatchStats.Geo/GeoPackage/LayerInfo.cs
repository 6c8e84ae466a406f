using System.Globalization;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;

namespace BatchStats.Geo;

/// <summary>The metadata of the feature table being read, validated against §6.2.</summary>
internal sealed record LayerInfo(
    string Path,
    string Table,
    IReadOnlyList<string> AllTables,
    string GeometryColumn,
    string GeometryTypeName,
    string PrimaryKey,
    string? IdentifierColumn,
    int SrsId,
    int Epsg,
    Envelope? Extent)
{
    private static readonly string[] s_requiredTables = ["gpkg_contents", "gpkg_geometry_columns", "gpkg_spatial_ref_sys"];

    public static LayerInfo Load(SqliteConnection connection, string path, string? requestedLayer)
    {
        var existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in Rows(connection, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"))
        {
            existing.Add((string)row[0]!);
        }

        var missing = s_requiredTables.Where(t => !existing.Contains(t)).ToList();
        if (missing.Count > 0)
        {
            throw new GeoPackageException(path,
                $"not a GeoPackage: the SQLite file has no {string.Join(", ", missing)} table{(missing.Count > 1 ? "s" : "")}");
        }

        var tables = Rows(connection,
                "SELECT table_name FROM gpkg_contents WHERE lower(data_type) = 'features' ORDER BY table_name")
            .Select(r => (string)r[0]!).ToList();
        if (tables.Count == 0)
        {
            throw new GeoPackageException(path, "no feature table: gpkg_contents has no row with data_type 'features'");
        }

        string table;
        if (requestedLayer is null)
        {
            table = tables[0]; // §6.2 decision: first features row ordered by table_name
        }
        else
        {
            table = tables.FirstOrDefault(t => string.Equals(t, requestedLayer, StringComparison.Ordinal))
                    ?? tables.FirstOrDefault(t => string.Equals(t, requestedLayer, StringComparison.OrdinalIgnoreCase))
                    ?? throw new GeoPackageException(path,
                        $"layer '{requestedLayer}' is not a feature table; feature tables: {string.Join(", ", tables)}");
        }

        if (!existing.Contains(table))
        {
            throw new GeoPackageException(path, $"gpkg_contents lists feature table '{table}' but the file has no such table");
        }

        var geometryRows = Rows(connection,
            "SELECT column_name, geometry_type_name, srs_id FROM gpkg_geometry_columns WHERE table_name = $t", ("$t", table));
        if (geometryRows.Count == 0)
        {
            throw new GeoPackageException(path, $"layer '{table}' has no row in gpkg_geometry_columns");
        }

        var geometryColumn = (string)geometryRows[0][0]!;
        var geometryType = Convert.ToString(geometryRows[0][1], CultureInfo.InvariantCulture) ?? "";
        var srsId = Convert.ToInt32(geometryRows[0][2], CultureInfo.InvariantCulture);
        var epsg = ResolveEpsg(connection, path, table, srsId);

        var (primaryKey, identifier, hasGeometry) = InspectColumns(connection, path, table, geometryColumn);
        if (!hasGeometry)
        {
            throw new GeoPackageException(path, $"layer '{table}' has no column '{geometryColumn}' named in gpkg_geometry_columns");
        }

        return new LayerInfo(path, table, tables, geometryColumn, geometryType, primaryKey, identifier, srsId, epsg,
            ReadExtent(connection, table));
    }

    private static int ResolveEpsg(SqliteConnection connection, string path, string table, int srsId)
    {
        var srs = Rows(connection,
            "SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id = $s", ("$s", srsId));
        if (srs.Count == 0)
        {
            throw new GeoPackageException(path,
                $"layer '{table}' uses srs_id {srsId}, which is missing from gpkg_spatial_ref_sys (unknown CRS)");
        }

        var organization = Convert.ToString(srs[0][0], CultureInfo.InvariantCulture) ?? "";
        var code = Convert.ToInt64(srs[0][1], CultureInfo.InvariantCulture);
        if (srsId is -1 or 0 || code is -1 or 0 || string.Equals(organization, "NONE", StringComparison.OrdinalIgnoreCase))
        {
            throw new GeoPackageException(path,
                $"layer '{table}' has an undefined CRS (srs_id {srsId}); supported CRSs are {EpsgCrs.SupportedDescription}");
        }

        if (!string.Equals(organization, "EPSG", StringComparison.OrdinalIgnoreCase))
        {
            throw new GeoPackageException(path,
                $"layer '{table}' uses CRS {organization}:{code}, not an EPSG code; supported CRSs are {EpsgCrs.SupportedDescription}");
        }

        if (code > int.MaxValue || !EpsgCrs.IsSupported((int)code))
        {
            throw new GeoPackageException(path,
                $"layer '{table}' uses CRS EPSG:{code}, which is not supported; supported CRSs are {EpsgCrs.SupportedDescription}");
        }

        return (int)code;
    }

    private static (string PrimaryKey, string? Identifier, bool HasGeometry) InspectColumns(
        SqliteConnection connection, string path, string table, string geometryColumn)
    {
        // pragma table_info: cid, name, type, notnull, dflt_value, pk
        var columns = Rows(connection, $"PRAGMA table_info({GeoPackageReader.Quote(table)})");
        var keys = columns.Where(c => Convert.ToInt64(c[5], CultureInfo.InvariantCulture) > 0).ToList();
        if (keys.Count != 1)
        {
            throw new GeoPackageException(path,
                keys.Count == 0
                    ? $"layer '{table}' has no INTEGER PRIMARY KEY column (required by GeoPackage for feature ids)"
                    : $"layer '{table}' has a composite primary key; a single INTEGER PRIMARY KEY is required");
        }

        var keyType = Convert.ToString(keys[0][2], CultureInfo.InvariantCulture) ?? "";
        if (!keyType.Contains("INT", StringComparison.OrdinalIgnoreCase))
        {
            throw new GeoPackageException(path,
                $"layer '{table}' primary key '{keys[0][1]}' has type '{keyType}', not INTEGER");
        }

        string? identifier = null;
        var hasGeometry = false;
        foreach (var column in columns)
        {
            var name = (string)column[1]!;
            if (string.Equals(name, "identifier", StringComparison.OrdinalIgnoreCase))
            {
                identifier = name;
            }

            hasGeometry |= string.Equals(name, geometryColumn, StringComparison.OrdinalIgnoreCase);
        }

        return ((string)keys[0][1]!, identifier, hasGeometry);
    }

    private static Envelope? ReadExtent(SqliteConnection connection, string table)
    {
        var rows = Rows(connection, "SELECT min_x, max_x, min_y, max_y FROM gpkg_contents WHERE table_name = $t", ("$t", table));
        if (rows.Count == 0 || rows[0].Any(v => v is null))
        {
            return null;
        }

        var v = rows[0].Select(o => Convert.ToDouble(o, CultureInfo.InvariantCulture)).ToArray();
        return new Envelope(v[0], v[1], v[2], v[3]);
    }

    private static List<object?[]> Rows(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        var result = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            result.Add(row);
        }

        return result;
    }
}
