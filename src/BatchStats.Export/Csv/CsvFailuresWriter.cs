using System.Globalization;
using System.Text;
using BatchStats.Core.Tables;

namespace BatchStats.Export.Csv;

/// <summary>
/// <c>failures.csv</c>: <c>id, identifier, level, interval_from, interval_to, error_type, message</c>; one row per
/// feature-level error (interval columns empty) or failed interval (the interval strings as in the result).
/// </summary>
public sealed class CsvFailuresWriter : IAsyncDisposable
{
    public static readonly IReadOnlyList<string> Header = ["id", "identifier", "level", "interval_from", "interval_to", "error_type", "message"];

    private readonly TextWriter _writer;

    public CsvFailuresWriter(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 14) { NewLine = "\r\n" };
        WriteRecord(Header);
    }

    public long RowsWritten { get; private set; }

    public void Write(FeatureFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        WriteRecord([
            failure.Id.ToString(CultureInfo.InvariantCulture),
            failure.Identifier,
            failure.Level == FailureLevel.Feature ? "feature" : "interval",
            failure.IntervalFrom,
            failure.IntervalTo,
            failure.ErrorType,
            failure.Message,
        ]);
        RowsWritten++;
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.FlushAsync().ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
    }

    private void WriteRecord(IReadOnlyList<string?> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                _writer.Write(',');
            }

            CsvText.WriteField(_writer, fields[i]);
        }

        _writer.WriteLine();
    }
}
