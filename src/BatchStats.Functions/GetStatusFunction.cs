using BatchStats.Core.Jobs;
using BatchStats.Functions.Errors;
using BatchStats.Functions.Events;

namespace BatchStats.Functions;

/// <summary>
/// The poll of the state machine's Wait loop (<c>BatchStats.Functions::BatchStats.Functions.GetStatusFunction::Handle</c>).
/// In: <c>{requestId, pollCount}</c>. Out: <see cref="GetStatusResult"/> with <c>pollCount + 1</c>.
/// </summary>
public sealed class GetStatusFunction
{
    private readonly FunctionServices _services;

    public GetStatusFunction()
        : this(FunctionServices.Default)
    {
    }

    public GetStatusFunction(FunctionServices services) => _services = services ?? throw new ArgumentNullException(nameof(services));

    public Task<Stream> Handle(Stream input) => FunctionIo.RunAsync(input,
        FunctionsJsonContext.Default.GetStatusInput, FunctionsJsonContext.Default.GetStatusResult, async (e, ct) =>
        {
            var id = string.IsNullOrEmpty(e.RequestId) ? throw new InvalidInputError("GetStatus input: 'requestId' is required.") : e.RequestId;
            var job = await _services.Backend.GetStatusAsync(id, ct);
            var reason = job.Error ?? (job.StoppedReason is { } stopped ? $"stopped: {stopped}" : "");
            return new GetStatusResult
            {
                RequestId = job.RequestId,
                Status = JobTransitions.StatusName(job.Status),
                CompletionPercentage = job.CompletionPercentage,
                WaitSeconds = _services.PollWaitSeconds,
                PollCount = e.PollCount + 1,
                Reason = reason,
                Error = job.Error,
            };
        });
}
