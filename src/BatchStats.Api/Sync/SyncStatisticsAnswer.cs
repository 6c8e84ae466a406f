using System.Text.Json.Nodes;

namespace BatchStats.Api.Sync;

/// <summary>
/// One sync answer: the §9.2 <c>response</c> object and what it cost in processing units (S33). A null cost means the
/// implementation does not know it, and the endpoint then sends no <c>X-ProcessingUnits-Spent</c> header.
/// </summary>
public sealed record SyncStatisticsAnswer(JsonObject Response, double? CostPU);
