using BatchStats.Engine.Output;

namespace BatchStats.Engine.Tests.Output;

public sealed class OutputLocationTests
{
    private const string Rid = "4700adcb-b0fc-44b4-80df-d97ae1f33ec3";

    [Theory]
    [InlineData("s3://bucket/out/")]
    [InlineData("s3://bucket/out")]
    public void Plain_prefix_puts_results_under_request_id(string url)
    {
        // §9.1: <url without trailing "/">/<requestId>/<featureId>.json
        var loc = OutputLocation.Parse(url, Rid);

        Assert.False(loc.IsTemplate);
        Assert.Equal($"s3://bucket/out/{Rid}/17.json", loc.ResultUrl(17, "SI21.FOI.1"));
        Assert.Equal($"s3://bucket/out/{Rid}/_meta/", loc.MetaFolder);
        Assert.Equal($"s3://bucket/out/{Rid}/export/", loc.ExportFolder);
        Assert.Equal($"s3://bucket/out/{Rid}/_meta/failed/17.json", loc.FailedMarkerUrl(17));
        Assert.Equal($"s3://bucket/out/{Rid}/export/table.parquet", loc.ExportUrl("table.parquet"));
    }

    [Fact]
    public void Bucket_root_prefix_works()
    {
        Assert.Equal($"s3://bucket/{Rid}/1.json", OutputLocation.Parse("s3://bucket", Rid).ResultUrl(1, null));
    }

    [Fact]
    public void Template_replaces_every_placeholder()
    {
        var loc = OutputLocation.Parse("s3://bucket/out/<REQUEST_ID>/by-name/<IDENTIFIER>-<ID>.json", Rid);

        Assert.True(loc.IsTemplate);
        Assert.Equal($"s3://bucket/out/{Rid}/by-name/SI21.FOI.7059004001-1.json", loc.ResultUrl(1, "SI21.FOI.7059004001"));
        Assert.Equal($"s3://bucket/out/{Rid}/_meta/", loc.MetaFolder);
    }

    [Fact]
    public void Identifier_of_a_feature_without_one_is_its_id()
    {
        // §9.1 Decision.
        var loc = OutputLocation.Parse("s3://bucket/out/<IDENTIFIER>.json", Rid);
        Assert.Equal("s3://bucket/out/42.json", loc.ResultUrl(42, null));
    }

    [Fact]
    public void File_urls_and_plain_paths_are_accepted_for_local_mode()
    {
        Assert.Equal($"file:///tmp/out/{Rid}/3.json", OutputLocation.Parse("file:///tmp/out", Rid).ResultUrl(3, null));
        Assert.Equal($"/tmp/out/{Rid}/3.json", OutputLocation.Parse("/tmp/out/", Rid).ResultUrl(3, null));
    }

    [Theory]
    [InlineData("", "is required")]
    [InlineData("s3://bucket/out/<REQUEST_ID>.json", "must contain <ID> or <IDENTIFIER>")]
    [InlineData("s3://bucket/out/<NAME>/<ID>.json", "unknown placeholder '<NAME>'")]
    [InlineData("s3://bucket/out/<ID", "unterminated placeholder")]
    [InlineData("s3://bucket/../other/<ID>.json", "'..' segments")]
    [InlineData("s3://bucket/out/<ID>/../../x.json", "'..' segments")]
    [InlineData("s3://bucket/out/../", "'..' segments")]
    [InlineData("s3://bucket/out//<ID>.json", "empty or absolute path segments")]
    [InlineData("s3://bucket/out/s3://other/<ID>.json", "empty or absolute path segments")]
    [InlineData("s3://<ID>/x.json", "must name a bucket")]
    [InlineData("s3:///out", "must name a bucket")]
    [InlineData("http://host/out", "scheme 'http' is not supported")]
    [InlineData("s3://bucket/out\\<ID>.json", "backslashes")]
    [InlineData("s3://bucket/out/\n<ID>.json", "control characters")]
    [InlineData("s3://bucket/out/<ID>/", "must name a file")]
    public void Bad_urls_are_rejected_naming_the_field(string url, string reason)
    {
        var ex = Assert.Throws<ArgumentException>(() => OutputLocation.Parse(url, Rid));
        Assert.StartsWith("output.s3.url: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("x..y")]
    [InlineData("a\\b")]
    [InlineData("tab\there")]
    [InlineData("")]
    [InlineData(".")]
    public void Identifiers_that_could_escape_are_rejected(string identifier)
    {
        var loc = OutputLocation.Parse("s3://bucket/out/<IDENTIFIER>.json", Rid);
        var ex = Assert.Throws<ArgumentException>(() => loc.ResultUrl(5, identifier));
        Assert.Contains("identifier of feature 5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Identifier_is_not_used_by_a_plain_prefix_so_any_value_is_fine()
    {
        Assert.Equal($"s3://b/o/{Rid}/5.json", OutputLocation.Parse("s3://b/o", Rid).ResultUrl(5, "a/../b"));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/b")]
    public void Request_ids_must_be_safe(string rid)
    {
        Assert.Throws<ArgumentException>(() => OutputLocation.Parse("s3://b/o", rid));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a//b")]
    [InlineData("")]
    public void Meta_and_export_names_cannot_escape(string name)
    {
        var loc = OutputLocation.Parse("s3://b/o", Rid);
        Assert.Throws<ArgumentException>(() => loc.MetaUrl(name));
        Assert.Throws<ArgumentException>(() => loc.ExportUrl(name));
    }
}
