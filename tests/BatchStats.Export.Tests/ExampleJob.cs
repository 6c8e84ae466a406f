using System.Text.Json;
using BatchStats.TestSupport;

namespace BatchStats.Export.Tests;

/// <summary>
/// A results folder made from the recorded batch fixtures (spec/examples): each list element becomes
/// <c>&lt;id&gt;.json</c>, as the service lays them out (§9.1). Features 1, 2 (OK) and 3, 4, 5 (failures).
/// </summary>
internal static class ExampleJob
{
    public const string RequestId = "req-examples";

    public static string Create(TempDirectory temp, params string[] exampleFiles)
    {
        var folder = temp.Combine(RequestId);
        Directory.CreateDirectory(folder);
        foreach (var file in exampleFiles)
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(SharedData.Spec(Path.Combine("examples", file))));
            foreach (var feature in document.RootElement.EnumerateArray())
            {
                var id = feature.GetProperty("id").GetInt64();
                File.WriteAllText(Path.Combine(folder, $"{id}.json"), feature.GetRawText());
            }
        }

        return folder;
    }

    public static string CreateAll(TempDirectory temp) =>
        Create(temp, "batch_stat_results.json", "batch_stat_failed_results.json");
}
