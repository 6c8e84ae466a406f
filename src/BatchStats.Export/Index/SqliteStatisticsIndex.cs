using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace BatchStats.Export.Index;

/// <summary>
/// The local embedded <see cref="IStatisticsIndex"/>: one SQLite file (by default <c>export/index.sqlite</c> of the job).
/// Same key as the DynamoDB design: (request id, feature id, interval start); writing a key again replaces the item,
/// so a re-export never duplicates. A secondary index on (identifier, interval start) serves field-history queries.
/// </summary>
public sealed class SqliteStatisticsIndex : IStatisticsIndex
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _created;

    public SqliteStatisticsIndex(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString();
    }

    public string Path { get; }

    public async Task WriteAsync(IReadOnlyList<IndexItem> items, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenAsync(ct).ConfigureAwait(false);
            await using var transaction = connection.BeginTransaction();
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT OR REPLACE INTO statistics_index
                    (request_id, feature_id, interval_from, interval_to, identifier, attributes)
                VALUES ($request, $feature, $from, $to, $identifier, $attributes)
                """;
            var request = command.Parameters.Add("$request", SqliteType.Text);
            var feature = command.Parameters.Add("$feature", SqliteType.Integer);
            var from = command.Parameters.Add("$from", SqliteType.Integer);
            var to = command.Parameters.Add("$to", SqliteType.Integer);
            var identifier = command.Parameters.Add("$identifier", SqliteType.Text);
            var attributes = command.Parameters.Add("$attributes", SqliteType.Text);
            foreach (var item in items)
            {
                request.Value = item.RequestId;
                feature.Value = item.FeatureId;
                from.Value = item.IntervalFrom.UtcTicks;
                to.Value = item.IntervalTo.UtcTicks;
                identifier.Value = item.Identifier;
                attributes.Value = IndexAttributesJson.Serialize(item.Attributes);
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public IAsyncEnumerable<IndexItem> QueryByRequestAsync(string requestId, CancellationToken ct = default) =>
        QueryAsync("WHERE request_id = $key ORDER BY feature_id, interval_from", requestId, ct);

    public IAsyncEnumerable<IndexItem> QueryByIdentifierAsync(string identifier, CancellationToken ct = default) =>
        QueryAsync("WHERE identifier = $key ORDER BY interval_from, request_id, feature_id", identifier, ct);

    private async IAsyncEnumerable<IndexItem> QueryAsync(string where, string key, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!File.Exists(Path))
        {
            yield break;
        }

        await using var connection = await OpenAsync(ct).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT request_id, feature_id, identifier, interval_from, interval_to, attributes FROM statistics_index " + where;
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            yield return new IndexItem(
                reader.GetString(0),
                reader.GetInt64(1),
                reader.GetString(2),
                new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero),
                new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero),
                IndexAttributesJson.Deserialize(reader.GetString(5)));
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        if (!_created)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE IF NOT EXISTS statistics_index (
                    request_id TEXT NOT NULL,
                    feature_id INTEGER NOT NULL,
                    interval_from INTEGER NOT NULL,
                    interval_to INTEGER NOT NULL,
                    identifier TEXT NOT NULL,
                    attributes TEXT NOT NULL,
                    PRIMARY KEY (request_id, feature_id, interval_from));
                CREATE INDEX IF NOT EXISTS statistics_index_by_identifier ON statistics_index (identifier, interval_from);
                """;
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            _created = true;
        }

        return connection;
    }
}
