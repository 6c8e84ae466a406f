using System.Net;
using Amazon.DynamoDBv2.Model;
using Amazon.S3;
using BatchStats.Engine.Jobs;
using BatchStats.Engine.Storage;
using BatchStats.Functions.Errors;

namespace BatchStats.Functions.Tests;

public sealed class ErrorMappingTests
{
    [Fact]
    public void Throttling_5xx_network_and_lost_races_become_TransientError()
    {
        Assert.IsType<TransientError>(ErrorMapping.Map(new AmazonS3Exception("slow down") { StatusCode = HttpStatusCode.ServiceUnavailable, ErrorCode = "SlowDown" }));
        Assert.IsType<TransientError>(ErrorMapping.Map(new ProvisionedThroughputExceededException("too fast") { StatusCode = HttpStatusCode.BadRequest, ErrorCode = "ProvisionedThroughputExceededException" }));
        Assert.IsType<TransientError>(ErrorMapping.Map(new HttpRequestException("reset")));
        Assert.IsType<TransientError>(ErrorMapping.Map(new JobConflictException("r", "changed")));
    }

    [Fact]
    public void Unknown_jobs_bad_payloads_and_missing_objects_become_InvalidInputError_others_stay()
    {
        Assert.IsType<InvalidInputError>(ErrorMapping.Map(new JobNotFoundException("r-1")));
        Assert.IsType<InvalidInputError>(ErrorMapping.Map(new InvalidDataException("body")));
        Assert.IsType<InvalidInputError>(ErrorMapping.Map(new ObjectNotFoundException("s3://b/k")));
        // A 403 is neither: it stays as is, so the state machine's generic States.TaskFailed retrier handles it.
        Assert.IsType<AmazonS3Exception>(ErrorMapping.Map(new AmazonS3Exception("denied") { StatusCode = HttpStatusCode.Forbidden, ErrorCode = "AccessDenied" }));
        var bug = new InvalidOperationException("bug");
        Assert.Same(bug, ErrorMapping.Map(bug));
    }
}
