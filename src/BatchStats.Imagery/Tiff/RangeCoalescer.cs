namespace BatchStats.Imagery.Tiff;

/// <summary>Groups byte ranges (sorted by offset) so that ranges at most <c>gap</c> bytes apart share one request.</summary>
public static class RangeCoalescer
{
    public static List<List<T>> Group<T>(IReadOnlyList<T> sorted, Func<T, (long Offset, long Length)> range, int gap, int maxBytes)
    {
        var groups = new List<List<T>>();
        List<T>? current = null;
        long start = 0, end = 0;
        foreach (var item in sorted)
        {
            var (offset, length) = range(item);
            if (current is not null && offset - end <= gap && Math.Max(end, offset + length) - start <= maxBytes)
            {
                current.Add(item);
                end = Math.Max(end, offset + length);
                continue;
            }

            current = [item];
            groups.Add(current);
            start = offset;
            end = offset + length;
        }

        return groups;
    }
}
