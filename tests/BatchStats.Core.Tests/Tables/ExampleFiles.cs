using System.Text.Json;
using BatchStats.TestSupport;

namespace BatchStats.Core.Tests.Tables;

/// <summary>The four recorded sentinelhub-py fixtures of spec/examples (see SOURCES.md).</summary>
internal static class ExampleFiles
{
    public const string Batch = "batch_stat_results.json";
    public const string BatchFailed = "batch_stat_failed_results.json";
    public const string Sync = "normal_stat_result.json";
    public const string SyncPartial = "normal_stat_partial_result.json";

    public static JsonDocument Load(string name) =>
        JsonDocument.Parse(File.ReadAllBytes(SharedData.Spec(Path.Combine("examples", name))));
}
