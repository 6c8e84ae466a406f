using System.Text.Json.Nodes;

namespace BatchStats.TestSupport;

/// <summary>
/// The NDVI request over s2-slovenia's summer 2015 (P1D, 10 m) with either script: one the compiled fast path takes
/// and the same NDVI through a helper function, which runs in Jint. For tests of where a job runs, not what it computes.
/// </summary>
public static class NdviRequests
{
    private const string Setup =
        "//VERSION=3\nfunction setup(){return {input:[{bands:[\"B04\",\"B08\",\"dataMask\"]}],output:[{id:\"ndvi\",bands:1,sampleType:\"FLOAT32\"},{id:\"dataMask\",bands:1}]};}\n";

    /// <summary>The tutorial NDVI: compiles to .NET code.</summary>
    public const string FastPathScript = Setup + "function evaluatePixel(s){return {ndvi:[index(s.B08,s.B04)],dataMask:[s.dataMask]};}";

    /// <summary>NDVI through a helper function: the fast path does not compile helpers, so it runs in Jint.</summary>
    public const string JintScript = Setup + "function ndvi(a,b){return (a-b)/(a+b);}\nfunction evaluatePixel(s){return {ndvi:[ndvi(s.B08,s.B04)],dataMask:[s.dataMask]};}";

    /// <summary>A script that does not compile (unterminated object literal).</summary>
    public const string BrokenScript = Setup + "function evaluatePixel(s) { return {";

    public static JsonObject Request(string evalscript, string featuresUrl, string outputUrl) => new()
    {
        ["input"] = new JsonObject
        {
            ["features"] = new JsonObject { ["s3"] = new JsonObject { ["url"] = featuresUrl } },
            ["data"] = new JsonArray(new JsonObject { ["type"] = "sentinel-2-l1c" }),
        },
        ["aggregation"] = new JsonObject
        {
            ["evalscript"] = evalscript,
            ["timeRange"] = new JsonObject { ["from"] = "2015-07-01T00:00:00Z", ["to"] = "2015-10-01T00:00:00Z" },
            ["aggregationInterval"] = new JsonObject { ["of"] = "P1D" },
            ["resx"] = 10,
            ["resy"] = 10,
        },
        ["output"] = new JsonObject { ["s3"] = new JsonObject { ["url"] = outputUrl } },
    };
}
