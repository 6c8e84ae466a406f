using BatchStats.Aws.DynamoDb;
using BatchStats.Export.Index;

namespace BatchStats.Aws.Tests.DynamoDb;

public sealed class IndexItemCodecTests
{
    private static IndexItem Item(IReadOnlyDictionary<string, object>? attributes = null, long featureId = 42) => new(
        "4700adcb-b0fc", featureId, "parcel 7", new DateTimeOffset(2020, 6, 7, 0, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2020, 6, 12, 2, 0, 0, TimeSpan.FromHours(2)), attributes ?? new Dictionary<string, object>());

    [Fact]
    public void Keys_follow_the_documented_layout()
    {
        var encoded = IndexItemCodec.ToItem(Item());

        Assert.Equal("REQ#4700adcb-b0fc", encoded["pk"].S);
        Assert.Equal("FEAT#0000000000000000042#2020-06-07T00:00:00Z", encoded["sk"].S);
        Assert.Equal("IDENT#parcel 7", encoded["gsi1pk"].S);
        Assert.Equal("2020-06-07T00:00:00Z#REQ#4700adcb-b0fc", encoded["gsi1sk"].S);
        Assert.Equal("2020-06-12T00:00:00Z", encoded["interval_to"].S); // converted to UTC
        Assert.Equal("42", encoded["featureId"].N);
    }

    [Fact]
    public void Zero_padding_keeps_feature_order_in_the_sort_key()
    {
        var keys = new long[] { 10, 9, 100, 0 }.Select(id => IndexItemCodec.SortKeyOf(Item(featureId: id))).Order(StringComparer.Ordinal);
        Assert.Equal(new long[] { 0, 9, 10, 100 }.Select(id => IndexItemCodec.SortKeyOf(Item(featureId: id))), keys);
    }

    [Fact]
    public void Values_map_to_N_S_and_L_and_round_trip_with_their_types()
    {
        var attributes = new Dictionary<string, object>
        {
            ["mean"] = 0.1 + 0.2,
            ["whole"] = 3.0,
            ["nan"] = double.NaN,
            ["inf"] = double.NegativeInfinity,
            ["count"] = 12L,
            ["text"] = "NaN",
            ["bins"] = new[] { 0.5, double.PositiveInfinity },
            ["counts"] = new long[] { 1, 2 },
        };
        var encoded = IndexItemCodec.ToItem(Item(attributes));

        Assert.Equal("0.30000000000000004", encoded["mean"].N);
        Assert.Equal("3", encoded["whole"].N);
        Assert.Equal("NaN", encoded["nan"].S);
        Assert.Equal("12", encoded["count"].N);
        Assert.Equal(["0.5", null], encoded["bins"].L.Select(v => v.N));
        Assert.Equal(["bins", "inf", "mean", "nan", "whole"], encoded["doubles"].SS.Order(StringComparer.Ordinal));

        var decoded = IndexItemCodec.FromItem(encoded);
        Assert.Equal(0.1 + 0.2, Assert.IsType<double>(decoded.Attributes["mean"]));
        Assert.Equal(3.0, Assert.IsType<double>(decoded.Attributes["whole"]));
        Assert.True(double.IsNaN(Assert.IsType<double>(decoded.Attributes["nan"])));
        Assert.Equal(double.NegativeInfinity, decoded.Attributes["inf"]);
        Assert.Equal(12L, Assert.IsType<long>(decoded.Attributes["count"]));
        Assert.Equal("NaN", Assert.IsType<string>(decoded.Attributes["text"]));
        Assert.Equal(new[] { 0.5, double.PositiveInfinity }, decoded.Attributes["bins"]);
        Assert.Equal(new long[] { 1, 2 }, decoded.Attributes["counts"]);
        Assert.Equal(Item().IntervalTo, decoded.IntervalTo);
    }

    [Fact]
    public void Reserved_names_unsupported_types_and_bad_ids_are_rejected_with_the_reason()
    {
        var reserved = Assert.Throws<ArgumentException>(() => IndexItemCodec.ToItem(Item(new Dictionary<string, object> { ["pk"] = 1L })));
        Assert.Contains("'pk' is reserved", reserved.Message, StringComparison.Ordinal);

        var type = Assert.Throws<ArgumentException>(() => IndexItemCodec.ToItem(Item(new Dictionary<string, object> { ["when"] = DateTime.UnixEpoch })));
        Assert.Contains("'when' has unsupported type DateTime", type.Message, StringComparison.Ordinal);

        var negative = Assert.Throws<ArgumentException>(() => IndexItemCodec.ToItem(Item(featureId: -1)));
        Assert.Contains("FeatureId must be non-negative", negative.Message, StringComparison.Ordinal);

        var noIdentifier = Assert.Throws<ArgumentException>(() => IndexItemCodec.ToItem(Item() with { Identifier = "" }));
        Assert.Contains("Identifier must not be empty", noIdentifier.Message, StringComparison.Ordinal);
    }
}
