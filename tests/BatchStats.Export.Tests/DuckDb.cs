using DuckDB.NET.Data;

namespace BatchStats.Export.Tests;

/// <summary>DuckDB in process: the independent Parquet/CSV reader of these tests.</summary>
internal sealed class DuckDb : IDisposable
{
    private readonly DuckDBConnection _connection;

    public DuckDb()
    {
        _connection = new DuckDBConnection("DataSource=:memory:");
        _connection.Open();
    }

    public List<object?[]> Query(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public object? Scalar(string sql) => Query(sql).Single()[0];

    public void Dispose() => _connection.Dispose();
}
