using System.Text.Json.Nodes;
using BatchStats.Engine.Processing;

namespace BatchStats.Engine.Tests.Fakes;

public sealed class FakeAnalyzer(long featureCount) : IJobAnalyzer
{
    public string? Error { get; set; }

    public Exception? Throw { get; set; }

    public SemaphoreSlim? Gate { get; set; }

    public int Calls { get; private set; }

    public async Task<AnalysisResult> AnalyzeAsync(string requestId, JsonObject request, CancellationToken ct)
    {
        Calls++;
        if (Gate is not null)
        {
            await Gate.WaitAsync(ct);
        }

        if (Throw is not null)
        {
            throw Throw;
        }

        return Error is null ? AnalysisResult.Success(featureCount, new JsonObject { ["chunks"] = "fake" }) : AnalysisResult.Failure(Error);
    }
}
