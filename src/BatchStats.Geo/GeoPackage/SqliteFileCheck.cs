using System.Buffers.Binary;
using System.Text;

namespace BatchStats.Geo;

/// <summary>
/// Checks the 100-byte SQLite header before SQLite sees the file, so a text file or a truncated download gets a
/// message that says so instead of SQLite's "file is not a database" / "disk image is malformed".
/// </summary>
internal static class SqliteFileCheck
{
    private static readonly byte[] s_magic = Encoding.ASCII.GetBytes("SQLite format 3\0");

    public static void Check(string path)
    {
        if (!File.Exists(path))
        {
            throw new GeoPackageException(path, "file not found");
        }

        var header = new byte[100];
        long length;
        int read;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            length = stream.Length;
            read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }

        if (length == 0)
        {
            throw new GeoPackageException(path, "the file is empty (0 bytes), not a GeoPackage");
        }

        var magicLength = Math.Min(read, s_magic.Length);
        if (!header.AsSpan(0, magicLength).SequenceEqual(s_magic.AsSpan(0, magicLength)) || read < s_magic.Length)
        {
            throw new GeoPackageException(path, read < s_magic.Length && header.AsSpan(0, magicLength).SequenceEqual(s_magic.AsSpan(0, magicLength))
                ? $"the file is truncated ({length} bytes): too short for an SQLite header"
                : "the file is not an SQLite database (a GeoPackage is an SQLite file starting with 'SQLite format 3')");
        }

        if (read < 100)
        {
            throw new GeoPackageException(path, $"the file is truncated ({length} bytes): the SQLite header needs 100 bytes");
        }

        // Page size: 1 means 65536. In-header page count is valid when the change counter equals version-valid-for.
        int pageSize = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(16));
        if (pageSize == 1)
        {
            pageSize = 65536;
        }

        var pageCount = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(28));
        var changeCounter = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(24));
        var validFor = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(92));
        if (pageCount > 0 && changeCounter == validFor)
        {
            var expected = (long)pageCount * pageSize;
            if (length < expected)
            {
                throw new GeoPackageException(path,
                    $"the file is truncated: the SQLite header declares {pageCount} pages of {pageSize} bytes ({expected} bytes) but the file has {length} bytes");
            }
        }
        else if (length % pageSize != 0)
        {
            throw new GeoPackageException(path,
                $"the file is truncated or damaged: {length} bytes is not a multiple of the page size {pageSize}");
        }
    }
}
