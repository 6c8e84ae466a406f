namespace BatchStats.Core.Time;

/// <summary>What to do with a last interval that overruns timeRange.to (S4).</summary>
public enum LastIntervalBehavior
{
    Skip,
    Shorten,
    Extend,
}

/// <summary>Parsing of the request's <c>lastIntervalBehavior</c> strings.</summary>
public static class LastIntervalBehaviors
{
    public static bool TryParse(string? text, out LastIntervalBehavior behavior)
    {
        (var ok, behavior) = text switch
        {
            "SKIP" => (true, LastIntervalBehavior.Skip),
            "SHORTEN" => (true, LastIntervalBehavior.Shorten),
            "EXTEND" => (true, LastIntervalBehavior.Extend),
            _ => (false, LastIntervalBehavior.Skip),
        };
        return ok;
    }
}
