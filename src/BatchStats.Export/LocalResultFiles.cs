using System.Globalization;
using System.Runtime.CompilerServices;

namespace BatchStats.Export;

/// <summary>
/// Lists a local results folder (<c>&lt;output&gt;/&lt;requestId&gt;/</c>) as <see cref="FeatureDocument"/>s in feature-id order.
/// Only <c>&lt;integer&gt;.json</c> files count, so <c>export/</c> and other stray files are ignored.
/// </summary>
public static class LocalResultFiles
{
    public static async IAsyncEnumerable<FeatureDocument> EnumerateAsync(string requestFolder,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        if (!Directory.Exists(requestFolder))
        {
            throw new DirectoryNotFoundException($"Results folder '{requestFolder}' does not exist.");
        }

        var files = new List<(long Id, string Path)>();
        foreach (var path in Directory.EnumerateFiles(requestFolder, "*.json", SearchOption.TopDirectoryOnly))
        {
            if (long.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                files.Add((id, path));
            }
        }

        files.Sort((a, b) => a.Id.CompareTo(b.Id));
        foreach (var (id, path) in files)
        {
            yield return new FeatureDocument(id, await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false));
        }
    }
}
