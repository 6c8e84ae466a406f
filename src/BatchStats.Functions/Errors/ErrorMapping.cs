using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using BatchStats.Engine.Jobs;
using BatchStats.Engine.Storage;
using BatchStats.Remote;

namespace BatchStats.Functions.Errors;

/// <summary>Maps exceptions to the two names the state machine's Retry/Catch know; anything else stays as it is.</summary>
public static class ErrorMapping
{
    public static Exception Map(Exception e) => e switch
    {
        TransientError or InvalidInputError => e,
        // The client already retried 429/5xx with backoff; the state machine's Retry gives them more time. Other 4xx
        // (bad request, bad credentials, unknown id) cannot get better by retrying.
        SentinelHubApiException r when (int)r.Status is 429 or 408 or >= 500 => new TransientError(r.Message, r),
        SentinelHubApiException r => new InvalidInputError(r.Message, r),
        AmazonServiceException s when IsTransient(s) => new TransientError($"{s.ErrorCode ?? s.GetType().Name}: {s.Message}", s),
        HttpRequestException or TimeoutException or TransientStorageException or JobConflictException => new TransientError(e.Message, e),
        IOException when e is not InvalidDataException and not FileNotFoundException => new TransientError(e.Message, e),
        JobNotFoundException or InvalidDataException or JsonException or ArgumentException or FormatException or ObjectNotFoundException
            => new InvalidInputError(e.Message, e),
        _ => e,
    };

    private static bool IsTransient(AmazonServiceException e) =>
        (int)e.StatusCode >= 500 || e.StatusCode == HttpStatusCode.TooManyRequests ||
        e.ErrorCode is "Throttling" or "ThrottlingException" or "ThrottledException" or "RequestLimitExceeded" or "SlowDown"
            or "ProvisionedThroughputExceededException" or "RequestThrottled" or "RequestTimeout" or "InternalError";
}
