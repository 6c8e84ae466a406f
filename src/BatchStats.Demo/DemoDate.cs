namespace BatchStats.Demo;

/// <summary>One acquisition of the synthetic archive: a STAC item and its COGs.</summary>
public sealed record DemoDate(int Index, DateTime DateTimeUtc, string Platform, string ItemId)
{
    public double DayOfYear => DateTimeUtc.DayOfYear + DateTimeUtc.TimeOfDay.TotalDays;
}
