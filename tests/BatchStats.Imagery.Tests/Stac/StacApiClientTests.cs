using System.Text;
using System.Text.Json.Nodes;
using BatchStats.Imagery.Stac;
using BatchStats.Imagery.Tests.Sources;
using BatchStats.TestSupport;

namespace BatchStats.Imagery.Tests.Stac;

/// <summary>The STAC API client against a local server replaying Earth Search v1 style pages written here.</summary>
public sealed class StacApiClientTests
{
    private static string Item(string id, string datetime, double cloud) => $$$"""
        {"type":"Feature","stac_version":"1.0.0","id":"{{{id}}}","collection":"sentinel-2-l2a",
         "bbox":[14.0,45.0,15.0,46.0],"geometry":null,
         "properties":{"datetime":"{{{datetime}}}","eo:cloud_cover":{{{cloud}}},"proj:epsg":32633,"s2:processing_baseline":"05.09",
                       "earthsearch:boa_offset_applied":true},
         "assets":{"red":{"href":"https://example.test/{{{id}}}/B04.tif","type":"image/tiff; application=geotiff; profile=cloud-optimized",
                   "eo:bands":[{"name":"red","common_name":"red"}],"raster:bands":[{"nodata":0,"data_type":"uint16","scale":0.0001,"offset":0}]}},
         "links":[]}
        """;

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Search_posts_the_query_and_follows_post_next_links(bool merge)
    {
        var v1 = File.ReadAllText(SharedData.Data(
            "sentinel-cogs/sentinel-s2-l2a-cogs/29/R/KH/2020/2/S2A_29RKH_20200219_0_L2A/S2A_29RKH_20200219_0_L2A.json"));
        var page = 0;
        string? baseUrl = null;
        using var server = new LocalHttpServer((req, body) =>
        {
            page++;
            var next = page switch
            {
                // Earth Search v1 sends the whole body with a 'next' token; with merge=true only the token.
                1 => merge
                    ? $$$"""[{"rel":"next","href":"{{{baseUrl}}}search","method":"POST","merge":true,"body":{"next":"tok2"}}]"""
                    : $$"""[{"rel":"next","href":"{{baseUrl}}search","method":"POST","body":{{AddNext(body, "tok2")}}}]""",
                2 => $$"""[{"rel":"next","href":"{{baseUrl}}search?page=3","method":"GET"}]""",
                _ => "[]",
            };
            var features = page switch
            {
                1 => $"[{v1.Replace("\"sentinel-2-l2a\"", "\"sentinel-2-l2a\"")},{Item("A", "2020-02-10T10:00:00Z", 10)}]",
                2 => $"[{Item("B", "2020-02-20T10:00:00Z", 90)}]",
                _ => $"[{Item("C", "2020-03-01T00:00:00Z", 0)}]", // exactly at 'to': excluded (half-open, S6)
            };
            var json = $$"""{"type":"FeatureCollection","features":{{features}},"links":{{next}}}""";
            return Task.FromResult<(int, byte[], string, Action<System.Net.HttpListenerResponse>?)>((200, Encoding.UTF8.GetBytes(json), "application/geo+json", null));
        });
        baseUrl = server.BaseUrl;
        using var http = new HttpClient();
        var client = new StacApiClient(http, server.BaseUrl.TrimEnd('/'), pageLimit: 2);
        var items = await client.SearchAsync("sentinel-2-l2a", new GeoBox(-12, 24, 16, 47),
            new DateTimeOffset(2020, 2, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2020, 3, 1, 0, 0, 0, TimeSpan.Zero), maxCloudCover: 95);

        Assert.Equal(["A", "S2A_29RKH_20200219_0_L2A", "B"], items.Select(i => i.Id).ToArray());
        var requests = server.Requests.ToArray();
        Assert.Equal(3, requests.Length);
        Assert.Equal(("POST", "/search"), (requests[0].Method, requests[0].Path));
        var first = JsonNode.Parse(requests[0].Body)!;
        Assert.Equal("sentinel-2-l2a", first["collections"]![0]!.GetValue<string>());
        Assert.Equal("2020-02-01T00:00:00.000Z/2020-03-01T00:00:00.000Z", first["datetime"]!.GetValue<string>());
        Assert.Equal(2, first["limit"]!.GetValue<int>());
        Assert.Equal(95, first["query"]!["eo:cloud_cover"]!["lte"]!.GetValue<double>());
        Assert.Equal([-12.0, 24, 16, 47], first["bbox"]!.AsArray().Select(n => n!.GetValue<double>()).ToArray());
        var second = JsonNode.Parse(requests[1].Body)!;
        Assert.Equal("POST", requests[1].Method);
        Assert.Equal("tok2", second["next"]!.GetValue<string>());
        Assert.Equal("sentinel-2-l2a", second["collections"]![0]!.GetValue<string>()); // merged or sent whole, the query survives
        Assert.Equal(("GET", "/search"), (requests[2].Method, requests[2].Path));
    }

    private static string AddNext(string body, string token)
    {
        var o = JsonNode.Parse(body)!.AsObject();
        o["next"] = token;
        return o.ToJsonString();
    }

    [Fact]
    public async Task Http_error_names_the_status()
    {
        using var server = new LocalHttpServer((_, _) =>
            Task.FromResult<(int, byte[], string, Action<System.Net.HttpListenerResponse>?)>((400, Encoding.UTF8.GetBytes("{\"description\":\"bad bbox\"}"), "application/json", null)));
        using var http = new HttpClient();
        var client = new StacApiClient(http, server.BaseUrl);
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.SearchAsync("sentinel-2-l2a", new GeoBox(0, 0, 1, 1), DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow));
        Assert.Contains("400", ex.Message);
        Assert.Contains("bad bbox", ex.Message);
    }
}
