using System.Text.Json;
using BatchStats.Core.Jobs;
using BatchStats.Core.Requests;
using BatchStats.Engine.Jobs;
using BatchStats.Engine.Output;
using BatchStats.Engine.Storage;
using BatchStats.Functions.Errors;

namespace BatchStats.Functions.Services;

/// <summary>
/// Turns an uploaded GeoPackage into a started batch request: the request id is derived from the upload
/// (<see cref="UploadedObject.RequestId"/>), the create is conditional, and a re-delivered event finds the existing job
/// and only finishes what a crashed earlier attempt left (start a CREATED job, analyse an ANALYSING one).
/// An invalid GeoPackage fails in the analysis: the job ends FAILED with the reason in its record.
/// </summary>
public sealed class UploadIntake(BatchJobService service, RequestTemplate template, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<(JobState State, bool Existing)> CreateAndStartAsync(UploadedObject upload, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var id = upload.RequestId();
        var existing = await service.GetStateAsync(id, ct).ConfigureAwait(false);
        if (existing is null)
        {
            var request = await template.ForUploadAsync(upload.Url, ct).ConfigureAwait(false);
            Validate(request);
            try
            {
                await service.Jobs.CreateAsync(NewJob(id, request), ct).ConfigureAwait(false);
            }
            catch (JobConflictException)
            {
                // A concurrent delivery of the same event created it first.
                existing = await service.GetStateAsync(id, ct).ConfigureAwait(false);
            }
        }

        var status = existing?.Task.Status ?? BatchStatus.Created;
        if (status == BatchStatus.Created)
        {
            // START from CREATED: analysis runs inline (QueueJobScheduler), then the chunks are enqueued.
            await service.StartAsync(id, ct).ConfigureAwait(false);
        }
        else if (status == BatchStatus.Analysing)
        {
            await service.RunAnalysisAsync(id, ct).ConfigureAwait(false);
        }

        var state = await service.GetStateAsync(id, ct).ConfigureAwait(false) ?? throw new JobNotFoundException(id);
        return (state, existing is not null);
    }

    private JobState NewJob(string id, System.Text.Json.Nodes.JsonObject request)
    {
        OutputLocation.Parse((string?)request["output"]?["s3"]?["url"] ?? "", id);
        return new JobState
        {
            Task = new BatchTask
            {
                Id = id,
                Status = BatchStatus.Created,
                UserAction = UserAction.None,
                Created = UtcTimestampJsonConverter.TruncateToMicroseconds(_time.GetUtcNow()),
                CostPU = 0.0,
                Request = RequestSanitizer.WithoutSecrets(request),
            },
        };
    }

    private static void Validate(System.Text.Json.Nodes.JsonObject request)
    {
        using var document = JsonDocument.Parse(request.ToJsonString());
        var problems = RequestValidator.Validate(document.RootElement, ValidationOptions.Batch);
        if (problems.Count > 0)
        {
            throw new InvalidInputError("The request built from the template is invalid: " +
                                        string.Join("; ", problems.Select(p => $"{p.Path}: {p.Message}")));
        }
    }
}
