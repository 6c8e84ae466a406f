using System.Text.Json.Nodes;
using BatchStats.Core.Jobs;
using BatchStats.Engine.Output;

namespace BatchStats.Engine.Processing;

/// <summary>What a feature processor knows about the job it works for.</summary>
public sealed record JobContext(string RequestId, JsonObject Request, OutputLocation Output, JobAnalysis Analysis);
