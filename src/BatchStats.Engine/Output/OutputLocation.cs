using System.Globalization;

namespace BatchStats.Engine.Output;

/// <summary>
/// Where a job's files go (spec §6.6, §9.1, §11). A plain prefix <c>s3://bucket/folder</c> means
/// <c>&lt;prefix&gt;/&lt;requestId&gt;/&lt;featureId&gt;.json</c>; a URL containing <c>&lt;</c> is a template with
/// <c>&lt;REQUEST_ID&gt;</c>, <c>&lt;ID&gt;</c>, <c>&lt;IDENTIFIER&gt;</c>. Engine files never sit beside the results:
/// metadata goes to <c>&lt;prefix&gt;/&lt;requestId&gt;/_meta/</c>, exports to <c>&lt;prefix&gt;/&lt;requestId&gt;/export/</c>.
/// </summary>
public sealed class OutputLocation
{
    public const string FieldName = "output.s3.url";
    private const string RequestIdToken = "<REQUEST_ID>";
    private const string IdToken = "<ID>";
    private const string IdentifierToken = "<IDENTIFIER>";

    private readonly string? _template;

    private OutputLocation(string requestId, string prefix, string? template)
    {
        RequestId = requestId;
        Prefix = prefix;
        _template = template;
    }

    public string RequestId { get; }

    /// <summary>The fixed part of the URL, ending in <c>/</c> (the plain prefix, or a template's text before its first placeholder folder).</summary>
    public string Prefix { get; }

    public bool IsTemplate => _template is not null;

    /// <summary><c>&lt;prefix&gt;/&lt;requestId&gt;/</c>: the results folder of a plain prefix, and the parent of <c>_meta/</c> and <c>export/</c>.</summary>
    public string JobFolder => Prefix + RequestId + "/";

    public string MetaFolder => JobFolder + "_meta/";

    public string ExportFolder => JobFolder + "export/";

    /// <summary>The marker recording that a feature's file is an error document (restart reprocesses it).</summary>
    public string FailedMarkerUrl(long featureId) => MetaFolder + "failed/" + featureId.ToString(CultureInfo.InvariantCulture) + ".json";

    public string MetaUrl(string name) => MetaFolder + CheckName(name);

    public string ExportUrl(string name) => ExportFolder + CheckName(name);

    /// <summary>Parses and validates <c>output.s3.url</c> for a job; throws <see cref="ArgumentException"/> naming the field.</summary>
    public static OutputLocation Parse(string url, string requestId)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            throw Bad("is required");
        }

        CheckRequestId(requestId);
        if (url.Any(char.IsControl) || url.Contains('\\', StringComparison.Ordinal))
        {
            throw Bad("must not contain control characters or backslashes");
        }

        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var keyStart = 0;
        if (schemeEnd >= 0)
        {
            var scheme = url[..schemeEnd];
            if (scheme is not ("s3" or "file"))
            {
                throw Bad($"scheme '{scheme}' is not supported (use s3://bucket/prefix)");
            }

            keyStart = schemeEnd + 3;
            if (scheme == "s3")
            {
                var bucketEnd = url.IndexOf('/', keyStart);
                var bucket = bucketEnd < 0 ? url[keyStart..] : url[keyStart..bucketEnd];
                if (bucket.Length == 0 || bucket.Contains('<', StringComparison.Ordinal) || bucket is "." or "..")
                {
                    throw Bad("must name a bucket: s3://bucket/prefix");
                }

                keyStart = bucketEnd < 0 ? url.Length : bucketEnd + 1;
            }
        }

        var key = url[keyStart..];
        // In s3:// a leading '/' (s3://bucket//etc/…) is an empty first segment: refused like any other.
        var emptyFirstSegment = url.StartsWith("s3://", StringComparison.Ordinal) && key.StartsWith('/');
        if (emptyFirstSegment || key.Contains("://", StringComparison.Ordinal) || key.Contains("//", StringComparison.Ordinal))
        {
            throw Bad("must not contain empty or absolute path segments");
        }

        foreach (var segment in key.Split('/'))
        {
            if (segment is ".." or ".")
            {
                throw Bad("must not contain '.' or '..' segments (the output may not escape its prefix)");
            }
        }

        if (!url.Contains('<', StringComparison.Ordinal))
        {
            return new OutputLocation(requestId, url.TrimEnd('/') + "/", null);
        }

        return ParseTemplate(url, keyStart, requestId);
    }

    /// <summary>The URL of a feature's result file.</summary>
    public string ResultUrl(long featureId, string? identifier)
    {
        var id = featureId.ToString(CultureInfo.InvariantCulture);
        if (_template is null)
        {
            return JobFolder + id + ".json";
        }

        var result = _template.Replace(RequestIdToken, RequestId, StringComparison.Ordinal).Replace(IdToken, id, StringComparison.Ordinal);
        if (result.Contains(IdentifierToken, StringComparison.Ordinal))
        {
            // Decision §9.1: a feature without identifier uses its id.
            var value = identifier ?? id;
            CheckIdentifier(value, featureId);
            result = result.Replace(IdentifierToken, value, StringComparison.Ordinal);
        }

        return result;
    }

    private static OutputLocation ParseTemplate(string url, int keyStart, string requestId)
    {
        var rest = url;
        while (rest.Contains('<', StringComparison.Ordinal))
        {
            var open = rest.IndexOf('<', StringComparison.Ordinal);
            var close = rest.IndexOf('>', open);
            if (close < 0)
            {
                throw Bad("has an unterminated placeholder");
            }

            var token = rest[open..(close + 1)];
            if (token is not (RequestIdToken or IdToken or IdentifierToken))
            {
                throw Bad($"unknown placeholder '{token}' (allowed: <REQUEST_ID>, <ID>, <IDENTIFIER>)");
            }

            rest = rest[(close + 1)..];
        }

        if (!url.Contains(IdToken, StringComparison.Ordinal) && !url.Contains(IdentifierToken, StringComparison.Ordinal))
        {
            throw Bad("a template must contain <ID> or <IDENTIFIER>");
        }

        if (url.EndsWith('/'))
        {
            throw Bad("a template must name a file, not a folder");
        }

        // The fixed prefix is everything up to the last '/' before the first placeholder.
        var firstPlaceholder = url.IndexOf('<', StringComparison.Ordinal);
        var lastSlash = url.LastIndexOf('/', firstPlaceholder);
        if (lastSlash < keyStart - 1)
        {
            throw Bad("a template needs a fixed folder before its first placeholder");
        }

        return new OutputLocation(requestId, url[..(lastSlash + 1)], url);
    }

    private static void CheckIdentifier(string identifier, long featureId)
    {
        if (identifier.Length == 0 || identifier is "." or ".." || identifier.Contains('/', StringComparison.Ordinal) ||
            identifier.Contains('\\', StringComparison.Ordinal) || identifier.Contains("..", StringComparison.Ordinal) ||
            identifier.Any(char.IsControl))
        {
            throw new ArgumentException(
                $"identifier of feature {featureId}: '{Printable(identifier)}' cannot be used in {FieldName} <IDENTIFIER> " +
                "(empty, '/', '\\', '..' or control characters)", "identifier");
        }
    }

    private static void CheckRequestId(string requestId)
    {
        if (string.IsNullOrEmpty(requestId) || requestId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            throw new ArgumentException($"request id '{requestId}' must contain only letters, digits and '-'.", nameof(requestId));
        }
    }

    private static string CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Split('/').Any(s => s is "" or "." or "..") || name.Any(char.IsControl))
        {
            throw new ArgumentException($"'{Printable(name)}' is not a valid relative object name.", nameof(name));
        }

        return name;
    }

    private static string Printable(string s) =>
        new(s.Take(80).Select(c => char.IsControl(c) ? '?' : c).ToArray());

    private static ArgumentException Bad(string reason) => new($"{FieldName}: {reason}.", FieldName);
}
