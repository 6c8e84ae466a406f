using System.Buffers.Binary;
using System.Globalization;
using BatchStats.Demo.Scene;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace BatchStats.Demo.Output;

/// <summary>
/// Writes the fields as an OGC GeoPackage 1.2 feature table <c>fields</c> (id, geometry MULTIPOLYGON, identifier,
/// crop, kind, area_m2) in the scene's UTM CRS, with the three required metadata tables, so GDAL/OGR and our reader
/// open it. Geometry blobs: "GP", version 0, flags 0x03 (little-endian, XY envelope), srs_id, envelope, ISO WKB.
/// No spatial index (optional in the standard). Fixed timestamps keep the file byte-identical for a seed.
/// </summary>
internal static class GeoPackageWriter
{
    private const string LastChange = "2023-10-01T00:00:00.000Z";

    public static void Write(string path, DemoOptions o, IReadOnlyList<DemoField> fields)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        var factory = new GeometryFactory(new PrecisionModel(), o.Epsg);
        var geometries = fields.Select(f => ToMultiPolygon(f, o, factory)).ToArray();
        var envelope = new Envelope();
        foreach (var g in geometries)
        {
            envelope.ExpandToInclude(g.EnvelopeInternal);
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA application_id = 1196444487; PRAGMA user_version = 10200;");
        Execute(connection, """
            CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY,
              organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
            CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
              description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
              min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
              CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
            CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
              srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
              CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), CONSTRAINT uk_gc_table_name UNIQUE (table_name),
              CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
              CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
            CREATE TABLE fields (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geometry MULTIPOLYGON,
              identifier TEXT, crop TEXT, kind TEXT, area_m2 REAL);
            """);

        using var transaction = connection.BeginTransaction();
        using (var srs = connection.CreateCommand())
        {
            srs.CommandText = "INSERT INTO gpkg_spatial_ref_sys VALUES ($name, $id, $org, $orgId, $def, $desc)";
            (string Name, int Id, string Org, int OrgId, string Def, string Desc)[] rows =
            [
                ("Undefined Cartesian SRS", -1, "NONE", -1, "undefined", "undefined Cartesian coordinate reference system"),
                ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
                ("WGS 84 geodetic", 4326, "EPSG", 4326, Wgs84Wkt, "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"),
                (UtmName(o.Epsg), o.Epsg, "EPSG", o.Epsg, UtmWkt(o.Epsg), ""),
            ];
            foreach (var r in rows)
            {
                srs.Parameters.Clear();
                srs.Parameters.AddWithValue("$name", r.Name);
                srs.Parameters.AddWithValue("$id", r.Id);
                srs.Parameters.AddWithValue("$org", r.Org);
                srs.Parameters.AddWithValue("$orgId", r.OrgId);
                srs.Parameters.AddWithValue("$def", r.Def);
                srs.Parameters.AddWithValue("$desc", r.Desc);
                srs.ExecuteNonQuery();
            }
        }

        using (var contents = connection.CreateCommand())
        {
            contents.CommandText = """
                INSERT INTO gpkg_contents VALUES ('fields', 'features', 'fields', 'Synthetic demo fields', $lc, $minx, $miny, $maxx, $maxy, $srs);
                INSERT INTO gpkg_geometry_columns VALUES ('fields', 'geometry', 'MULTIPOLYGON', $srs, 0, 0);
                """;
            contents.Parameters.AddWithValue("$lc", LastChange);
            contents.Parameters.AddWithValue("$minx", fields.Count == 0 ? 0 : envelope.MinX);
            contents.Parameters.AddWithValue("$miny", fields.Count == 0 ? 0 : envelope.MinY);
            contents.Parameters.AddWithValue("$maxx", fields.Count == 0 ? 0 : envelope.MaxX);
            contents.Parameters.AddWithValue("$maxy", fields.Count == 0 ? 0 : envelope.MaxY);
            contents.Parameters.AddWithValue("$srs", o.Epsg);
            contents.ExecuteNonQuery();
        }

        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO fields (id, geometry, identifier, crop, kind, area_m2) VALUES ($id, $g, $ident, $crop, $kind, $area)";
            var id = insert.Parameters.Add("$id", SqliteType.Integer);
            var geometry = insert.Parameters.Add("$g", SqliteType.Blob);
            var identifier = insert.Parameters.Add("$ident", SqliteType.Text);
            var crop = insert.Parameters.Add("$crop", SqliteType.Text);
            var kind = insert.Parameters.Add("$kind", SqliteType.Text);
            var area = insert.Parameters.Add("$area", SqliteType.Real);
            for (var i = 0; i < fields.Count; i++)
            {
                id.Value = fields[i].Id;
                geometry.Value = GeoPackageBlob(geometries[i], o.Epsg);
                identifier.Value = fields[i].Identifier;
                crop.Value = fields[i].Crop.Name();
                kind.Value = fields[i].Kind.Name();
                area.Value = Math.Abs(geometries[i].Area);
                insert.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    /// <summary>Pixel-coordinate rings to a one-part MultiPolygon in map coordinates.</summary>
    public static MultiPolygon ToMultiPolygon(DemoField field, DemoOptions o, GeometryFactory factory)
    {
        LinearRing Ring((double U, double V)[] ring) => factory.CreateLinearRing(ring
            .Select(p => new Coordinate(o.OriginX + (p.U * o.PixelSize), o.OriginY - (p.V * o.PixelSize)))
            .ToArray());

        var polygon = factory.CreatePolygon(Ring(field.Rings[0]), field.Rings.Skip(1).Select(Ring).ToArray());
        return factory.CreateMultiPolygon([polygon]);
    }

    internal static byte[] GeoPackageBlob(Geometry geometry, int srsId)
    {
        var wkb = new WKBWriter(ByteOrder.LittleEndian, handleSRID: false, emitZ: false, emitM: false).Write(geometry);
        var blob = new byte[8 + 32 + wkb.Length];
        blob[0] = (byte)'G';
        blob[1] = (byte)'P';
        blob[2] = 0;    // version 1
        blob[3] = 0x03; // little-endian, envelope [minx, maxx, miny, maxy]
        BinaryPrimitives.WriteInt32LittleEndian(blob.AsSpan(4), srsId);
        var e = geometry.EnvelopeInternal;
        BinaryPrimitives.WriteDoubleLittleEndian(blob.AsSpan(8), e.MinX);
        BinaryPrimitives.WriteDoubleLittleEndian(blob.AsSpan(16), e.MaxX);
        BinaryPrimitives.WriteDoubleLittleEndian(blob.AsSpan(24), e.MinY);
        BinaryPrimitives.WriteDoubleLittleEndian(blob.AsSpan(32), e.MaxY);
        wkb.CopyTo(blob, 40);
        return blob;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string UtmName(int epsg)
    {
        var (zone, south) = Geodesy.UtmToWgs84.Zone(epsg);
        return $"WGS 84 / UTM zone {zone}{(south ? 'S' : 'N')}";
    }

    private const string Wgs84Wkt =
        "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]]," +
        "PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]]," +
        "AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\",\"4326\"]]";

    private static string UtmWkt(int epsg)
    {
        var (zone, south) = Geodesy.UtmToWgs84.Zone(epsg);
        var cm = ((zone * 6) - 183).ToString(CultureInfo.InvariantCulture);
        var geog = Wgs84Wkt.Replace(",AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST]", "", StringComparison.Ordinal);
        return $"PROJCS[\"{UtmName(epsg)}\",{geog},PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",0]," +
               $"PARAMETER[\"central_meridian\",{cm}],PARAMETER[\"scale_factor\",0.9996],PARAMETER[\"false_easting\",500000]," +
               $"PARAMETER[\"false_northing\",{(south ? 10000000 : 0)}],UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]]," +
               $"AXIS[\"Easting\",EAST],AXIS[\"Northing\",NORTH],AUTHORITY[\"EPSG\",\"{epsg}\"]]";
    }
}
