using System.Globalization;
using Amazon.DynamoDBv2.Model;
using BatchStats.Export.Index;

namespace BatchStats.Aws.DynamoDb;

/// <summary>
/// Maps <see cref="IndexItem"/> to and from DynamoDB items of the index table.
/// <list type="bullet">
/// <item><c>pk</c> = <c>REQ#&lt;requestId&gt;</c>, <c>sk</c> = <c>FEAT#&lt;featureId, 19 digits&gt;#&lt;interval_from&gt;</c></item>
/// <item><c>gsi1pk</c> = <c>IDENT#&lt;identifier&gt;</c>, <c>gsi1sk</c> = <c>&lt;interval_from&gt;#REQ#&lt;requestId&gt;</c></item>
/// <item><c>requestId</c>, <c>identifier</c>, <c>interval_from</c>, <c>interval_to</c> (S, ISO-8601 UTC) and <c>featureId</c> (N)</item>
/// <item>every statistic attribute under its own name: long/double → N, string → S, arrays → L of N;
/// NaN/±Infinity (not representable as N) → S <c>"NaN"</c>/<c>"Infinity"</c>/<c>"-Infinity"</c>;
/// <c>doubles</c> (SS) lists the attributes holding doubles, so 3.0 reads back as a double and not as the long 3.</item>
/// </list>
/// Keys are deterministic, so re-writing an item replaces it (idempotent export).
/// </summary>
public static class IndexItemCodec
{
    public const string PartitionKey = "pk";
    public const string SortKey = "sk";
    public const string Gsi1Name = "GSI1";
    public const string Gsi1PartitionKey = "gsi1pk";
    public const string Gsi1SortKey = "gsi1sk";
    private const string RequestIdAttribute = "requestId";
    private const string FeatureIdAttribute = "featureId";
    private const string IdentifierAttribute = "identifier";
    private const string IntervalFromAttribute = "interval_from";
    private const string IntervalToAttribute = "interval_to";
    private const string DoublesAttribute = "doubles";

    private static readonly HashSet<string> s_reserved =
    [
        PartitionKey, SortKey, Gsi1PartitionKey, Gsi1SortKey, RequestIdAttribute, FeatureIdAttribute, IdentifierAttribute,
        IntervalFromAttribute, IntervalToAttribute, DoublesAttribute,
    ];

    public static string RequestPartition(string requestId) => "REQ#" + requestId;

    public static string IdentifierPartition(string identifier) => "IDENT#" + identifier;

    public static string FormatInstant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    public static string SortKeyOf(IndexItem item) =>
        $"FEAT#{item.FeatureId.ToString("D19", CultureInfo.InvariantCulture)}#{FormatInstant(item.IntervalFrom)}";

    public static Dictionary<string, AttributeValue> ToItem(IndexItem item)
    {
        Validate(item);
        var from = FormatInstant(item.IntervalFrom);
        var result = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [PartitionKey] = S(RequestPartition(item.RequestId)),
            [SortKey] = S(SortKeyOf(item)),
            [Gsi1PartitionKey] = S(IdentifierPartition(item.Identifier)),
            [Gsi1SortKey] = S($"{from}#REQ#{item.RequestId}"),
            [RequestIdAttribute] = S(item.RequestId),
            [FeatureIdAttribute] = N(item.FeatureId),
            [IdentifierAttribute] = S(item.Identifier),
            [IntervalFromAttribute] = S(from),
            [IntervalToAttribute] = S(FormatInstant(item.IntervalTo)),
        };

        var doubles = new List<string>();
        foreach (var (name, value) in item.Attributes)
        {
            if (s_reserved.Contains(name))
            {
                throw new ArgumentException(
                    $"Index item {item.RequestId}/{item.FeatureId}: attribute name '{name}' is reserved by the index table layout.", nameof(item));
            }

            result[name] = value switch
            {
                double d => Double(d),
                float f => Double(f),
                long l => N(l),
                int i => N(i),
                string s => S(s),
                double[] ds => new AttributeValue { L = ds.Select(Double).ToList() },
                long[] ls => new AttributeValue { L = ls.Select(N).ToList() },
                int[] xs => new AttributeValue { L = xs.Select(x => N(x)).ToList() },
                null => throw new ArgumentException($"Index item {item.RequestId}/{item.FeatureId}: attribute '{name}' is null.", nameof(item)),
                _ => throw new ArgumentException(
                    $"Index item {item.RequestId}/{item.FeatureId}: attribute '{name}' has unsupported type {value.GetType().Name} (double, long, string, double[] or long[]).",
                    nameof(item)),
            };
            if (value is double or float or double[])
            {
                doubles.Add(name);
            }
        }

        if (doubles.Count > 0)
        {
            result[DoublesAttribute] = new AttributeValue { SS = doubles };
        }

        return result;
    }

    public static IndexItem FromItem(IReadOnlyDictionary<string, AttributeValue> item)
    {
        string Text(string name) => item.TryGetValue(name, out var v) && v.S is not null
            ? v.S
            : throw new InvalidDataException($"Index item is missing string attribute '{name}'.");

        var doubles = item.TryGetValue(DoublesAttribute, out var set) && set.SS is { } names
            ? new HashSet<string>(names, StringComparer.Ordinal)
            : [];
        var attributes = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, value) in item)
        {
            if (s_reserved.Contains(name))
            {
                continue;
            }

            var isDouble = doubles.Contains(name);
            attributes[name] = value switch
            {
                { L: { } list } when isDouble => list.Select(ReadDouble).ToArray(),
                { L: { } list } => list.Select(ReadLong).ToArray(),
                _ when isDouble => ReadDouble(value),
                { N: not null } => ReadLong(value),
                { S: not null } => value.S,
                _ => throw new InvalidDataException($"Index item attribute '{name}' has an unsupported DynamoDB type."),
            };
        }

        var featureId = item.TryGetValue(FeatureIdAttribute, out var fid) && fid.N is not null
            ? long.Parse(fid.N, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : throw new InvalidDataException($"Index item is missing number attribute '{FeatureIdAttribute}'.");
        return new IndexItem(
            Text(RequestIdAttribute),
            featureId,
            Text(IdentifierAttribute),
            ParseInstant(Text(IntervalFromAttribute)),
            ParseInstant(Text(IntervalToAttribute)),
            attributes);
    }

    private static void Validate(IndexItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (string.IsNullOrEmpty(item.RequestId))
        {
            throw new ArgumentException("IndexItem.RequestId must not be empty.", nameof(item));
        }

        if (string.IsNullOrEmpty(item.Identifier))
        {
            throw new ArgumentException($"Index item {item.RequestId}/{item.FeatureId}: Identifier must not be empty (it keys GSI1).", nameof(item));
        }

        if (item.FeatureId < 0)
        {
            throw new ArgumentException($"Index item {item.RequestId}: FeatureId must be non-negative (got {item.FeatureId}).", nameof(item));
        }
    }

    private static DateTimeOffset ParseInstant(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static AttributeValue S(string value) => new() { S = value };

    private static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static AttributeValue Double(double value) => double.IsFinite(value)
        ? new AttributeValue { N = value.ToString("R", CultureInfo.InvariantCulture) }
        : new AttributeValue { S = value.ToString(CultureInfo.InvariantCulture) };

    private static double ReadDouble(AttributeValue value) =>
        value.N is not null
            ? double.Parse(value.N, NumberStyles.Float, CultureInfo.InvariantCulture)
            : value.S switch
            {
                "NaN" => double.NaN,
                "Infinity" => double.PositiveInfinity,
                "-Infinity" => double.NegativeInfinity,
                _ => throw new InvalidDataException($"Index item: '{value.S}' is not a number."),
            };

    private static long ReadLong(AttributeValue value) =>
        value.N is not null
            ? long.Parse(value.N, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : throw new InvalidDataException("Index item: a list element of an integer attribute is not a number.");
}
