using System.Globalization;
using BatchStats.Core.Results;
using BatchStats.Core.Tables;

namespace BatchStats.Cli.Results;

/// <summary>The per-feature result files of one job folder (<c>&lt;id&gt;.json</c>), read in feature-id order.</summary>
public static class JobResults
{
    public static IReadOnlyList<string> FeatureFiles(string folder)
    {
        var files = new List<(long Id, string Path)>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.json", SearchOption.TopDirectoryOnly))
        {
            if (long.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                files.Add((id, path));
            }
        }

        files.Sort((a, b) => a.Id.CompareTo(b.Id));
        return files.Select(f => f.Path).ToList();
    }

    /// <summary>Typed results (for plots), optionally only the feature whose id or identifier is <paramref name="field"/>.</summary>
    public static IReadOnlyList<FeatureResult> ReadFeatures(string folder, string? field = null)
    {
        var results = new List<FeatureResult>();
        foreach (var path in FeatureFiles(folder))
        {
            var result = ResultJsonReader.ReadFeature(File.ReadAllText(path));
            if (field is null || Matches(result.Id, result.Identifier, field))
            {
                results.Add(result);
            }
        }

        return results;
    }

    /// <summary>Table rows like the export (one per feature × interval), plus the failures.</summary>
    public static IReadOnlyList<FeatureOutcome> Flatten(string folder, string? field = null)
    {
        var outcomes = new List<FeatureOutcome>();
        foreach (var path in FeatureFiles(folder))
        {
            var id = long.Parse(Path.GetFileNameWithoutExtension(path), CultureInfo.InvariantCulture);
            var outcome = StatisticsFlattener.FlattenFeature(File.ReadAllBytes(path), id);
            if (field is null || Matches(outcome.Id, outcome.Identifier, field))
            {
                outcomes.Add(outcome);
            }
        }

        return outcomes;
    }

    public static bool Matches(long id, string? identifier, string field) =>
        string.Equals(identifier, field, StringComparison.Ordinal) || id.ToString(CultureInfo.InvariantCulture) == field;
}
