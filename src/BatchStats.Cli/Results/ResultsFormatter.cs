using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using BatchStats.Core.Tables;
using Spectre.Console;

namespace BatchStats.Cli.Results;

/// <summary>
/// Writes flattened result rows as a console table (scalar statistics only), CSV (every column; list columns as
/// <c>;</c>-joined numbers, NaN as <c>NaN</c>) or one JSON array (NaN as null).
/// </summary>
public static class ResultsFormatter
{
    public const string Table = "table";
    public const string Csv = "csv";
    public const string Json = "json";

    public static void Write(CliContext context, IReadOnlyList<StatisticsRow> rows, string format)
    {
        switch (format)
        {
            case Csv:
                WriteCsv(context.Output, rows);
                break;
            case Json:
                context.Output.WriteLine(ToJson(rows).ToJsonString());
                break;
            default:
                WriteTable(context, rows);
                break;
        }
    }

    public static IReadOnlyList<string> Columns(IReadOnlyList<StatisticsRow> rows)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var columns = new List<string>();
        foreach (var row in rows)
        {
            foreach (var (name, _) in row.Columns)
            {
                if (seen.Add(name))
                {
                    columns.Add(name);
                }
            }
        }

        return columns;
    }

    public static JsonArray ToJson(IReadOnlyList<StatisticsRow> rows)
    {
        var array = new JsonArray();
        foreach (var row in rows)
        {
            var o = new JsonObject
            {
                ["id"] = row.Id,
                ["identifier"] = row.Identifier,
                ["interval_from"] = Iso(row.IntervalFrom),
                ["interval_to"] = Iso(row.IntervalTo),
            };
            foreach (var (name, value) in row.Columns)
            {
                o[name] = value.Type switch
                {
                    TableColumnType.Int64 => JsonValue.Create(value.AsInt64()),
                    TableColumnType.Float64 => double.IsFinite(value.AsDouble()) ? JsonValue.Create(value.AsDouble()) : null,
                    TableColumnType.Float64List => new JsonArray(value.AsBins().Select(v => (JsonNode?)(double.IsFinite(v) ? JsonValue.Create(v) : null)).ToArray()),
                    _ => new JsonArray(value.AsCounts().Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
                };
            }

            array.Add(o);
        }

        return array;
    }

    private static void WriteCsv(TextWriter output, IReadOnlyList<StatisticsRow> rows)
    {
        var columns = Columns(rows);
        output.WriteLine(string.Join(',', new[] { "id", "identifier", "interval_from", "interval_to" }.Concat(columns)));
        var line = new StringBuilder();
        foreach (var row in rows)
        {
            line.Clear();
            line.Append(row.Id.ToString(CultureInfo.InvariantCulture)).Append(',').Append(Quote(row.Identifier ?? ""))
                .Append(',').Append(Iso(row.IntervalFrom)).Append(',').Append(Iso(row.IntervalTo));
            foreach (var column in columns)
            {
                line.Append(',');
                if (row.TryGetValue(column, out var value))
                {
                    line.Append(Quote(Format(value)));
                }
            }

            output.WriteLine(line.ToString());
        }
    }

    private static void WriteTable(CliContext context, IReadOnlyList<StatisticsRow> rows)
    {
        // Histograms and percentiles make the table unreadable; --format csv|json has them.
        var columns = Columns(rows).Where(c => !c.Contains("_percentiles_", StringComparison.Ordinal) && !c.Contains("histogram", StringComparison.Ordinal)).ToList();
        var table = new Spectre.Console.Table().Border(TableBorder.Rounded);
        foreach (var name in new[] { "id", "identifier", "from", "to" }.Concat(columns))
        {
            table.AddColumn(new Spectre.Console.TableColumn(Markup.Escape(name)));
        }

        foreach (var row in rows)
        {
            var cells = new List<string>
            {
                row.Id.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(row.Identifier ?? ""),
                row.IntervalFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                row.IntervalTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            };
            cells.AddRange(columns.Select(c => row.TryGetValue(c, out var v) ? Markup.Escape(Short(v)) : ""));
            table.AddRow(cells.ToArray());
        }

        context.Console.Write(table);
        context.Console.MarkupLine($"{rows.Count} row(s)");
    }

    private static string Short(StatisticValue v) => v.Type == TableColumnType.Float64
        ? (double.IsNaN(v.AsDouble()) ? "NaN" : v.AsDouble().ToString("0.####", CultureInfo.InvariantCulture))
        : Format(v);

    private static string Format(StatisticValue v) => v.Type switch
    {
        TableColumnType.Int64 => v.AsInt64().ToString(CultureInfo.InvariantCulture),
        TableColumnType.Float64 => v.AsDouble().ToString("R", CultureInfo.InvariantCulture),
        TableColumnType.Float64List => string.Join(';', v.AsBins().Select(d => d.ToString("R", CultureInfo.InvariantCulture))),
        _ => string.Join(';', v.AsCounts().Select(d => d.ToString(CultureInfo.InvariantCulture))),
    };

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
