using System.Text.Json.Nodes;

namespace BatchStats.Engine.Local;

/// <summary>
/// Local mode: relative paths in a request (<c>input.features.s3.url</c>, <c>output.s3.url</c>,
/// <c>aggregation.evalscriptReference.s3.url</c>) are made absolute against a base folder, normally the request
/// file's folder, so the stored job does not depend on the current directory. URLs and absolute paths are kept.
/// </summary>
public static class RequestPaths
{
    public static void ResolveRelative(JsonObject request, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(baseDirectory);
        // Navigate by objects only: a field of the wrong type is the validator's to report, not a crash here.
        Resolve(Child(Child(Child(request, "input"), "features"), "s3"), baseDirectory);
        Resolve(Child(Child(request, "output"), "s3"), baseDirectory);
        Resolve(Child(Child(Child(request, "aggregation"), "evalscriptReference"), "s3"), baseDirectory);
    }

    private static JsonObject? Child(JsonObject? parent, string name) => parent?[name] as JsonObject;

    public static bool IsRelativePath(string url) =>
        url.Length > 0 && !url.Contains("://", StringComparison.Ordinal) && !Path.IsPathRooted(url);

    private static void Resolve(JsonObject? s3, string baseDirectory)
    {
        if (s3?["url"] is JsonValue value && value.TryGetValue<string>(out var url) && IsRelativePath(url))
        {
            var full = Path.GetFullPath(Path.Combine(baseDirectory, url));
            if ((url.EndsWith('/') || url.EndsWith('\\')) && !full.EndsWith(Path.DirectorySeparatorChar))
            {
                full += Path.DirectorySeparatorChar;
            }

            s3["url"] = full;
        }
    }
}
