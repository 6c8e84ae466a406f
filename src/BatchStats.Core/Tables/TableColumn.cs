namespace BatchStats.Core.Tables;

/// <summary>One named, typed column of the statistics table.</summary>
public sealed record TableColumn(string Name, TableColumnType Type)
{
    public const string IdName = "id";
    public const string IdentifierName = "identifier";
    public const string IntervalFromName = "interval_from";
    public const string IntervalToName = "interval_to";

    /// <summary>True for the statistic columns, false for id/identifier/interval bounds.</summary>
    public bool IsStatistic => Name is not (IdName or IdentifierName or IntervalFromName or IntervalToName);
}
