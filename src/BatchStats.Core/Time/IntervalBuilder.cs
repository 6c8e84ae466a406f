namespace BatchStats.Core.Time;

/// <summary>Builds the aggregation intervals of a time range (S3, S4).</summary>
public static class IntervalBuilder
{
    /// <summary>Safety cap; a request asking for more is rejected by validation.</summary>
    public const int MaxIntervals = 100_000;

    /// <summary>
    /// Consecutive half-open intervals anchored at <paramref name="from"/>:
    /// start_i = from + i·period; complete intervals (end ≤ to) are always kept, the overrunning last one per
    /// <paramref name="behavior"/>. A range shorter than one period gives no interval with SKIP.
    /// </summary>
    public static IReadOnlyList<TimeInterval> Build(DateTime from, DateTime to, AggregationPeriod period, LastIntervalBehavior behavior = LastIntervalBehavior.Skip)
    {
        if (!(from < to))
        {
            throw new ArgumentException("timeRange.from must be before timeRange.to");
        }

        var intervals = new List<TimeInterval>();
        var start = from;
        for (var i = 0; start < to; i++)
        {
            if (intervals.Count >= MaxIntervals)
            {
                throw new ArgumentException($"the time range gives more than {MaxIntervals} intervals of {period}");
            }

            var end = period.StartOf(from, i + 1);
            if (end <= to)
            {
                intervals.Add(new TimeInterval(start, end));
            }
            else
            {
                if (behavior == LastIntervalBehavior.Shorten)
                {
                    intervals.Add(new TimeInterval(start, to));
                }
                else if (behavior == LastIntervalBehavior.Extend)
                {
                    intervals.Add(new TimeInterval(start, end));
                }

                break;
            }

            start = end;
        }

        return intervals;
    }

    /// <summary>Number of intervals without materialising them (for validation and cost estimates).</summary>
    public static int Count(DateTime from, DateTime to, AggregationPeriod period, LastIntervalBehavior behavior = LastIntervalBehavior.Skip) =>
        Build(from, to, period, behavior).Count;
}
