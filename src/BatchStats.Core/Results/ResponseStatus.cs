namespace BatchStats.Core.Results;

/// <summary>Values of <c>response.status</c> (§9.3).</summary>
public static class ResponseStatus
{
    public const string Ok = "OK";
    public const string Partial = "PARTIAL";
    public const string Failed = "FAILED";

    /// <summary>OK when no interval failed, PARTIAL when some failed and some succeeded, FAILED when all failed.</summary>
    public static string Of(IReadOnlyCollection<IntervalResult> data)
    {
        var failed = data.Count(d => d.Error is not null);
        if (failed == 0)
        {
            return Ok;
        }

        return failed == data.Count ? Failed : Partial;
    }
}
