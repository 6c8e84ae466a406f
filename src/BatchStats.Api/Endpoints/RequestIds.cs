namespace BatchStats.Api.Endpoints;

/// <summary>Request ids are lowercase hyphenated UUIDs (spec §4); anything else is an unknown id (Decision: 404).</summary>
internal static class RequestIds
{
    public static bool TryNormalize(string id, out string normalized)
    {
        if (Guid.TryParseExact(id, "D", out var guid))
        {
            normalized = guid.ToString("D");
            return true;
        }

        normalized = "";
        return false;
    }
}
