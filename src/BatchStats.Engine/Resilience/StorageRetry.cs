using BatchStats.Engine.Storage;
using Polly;
using Polly.Retry;

namespace BatchStats.Engine.Resilience;

/// <summary>
/// The retry policy for boundary calls: transient failures (<see cref="IOException"/> including
/// <see cref="TransientStorageException"/>, <see cref="TimeoutException"/>, <see cref="HttpRequestException"/>) are
/// retried with exponential backoff and jitter. Not-found, conflicts and bad arguments are answers, never retried.
/// </summary>
public static class StorageRetry
{
    public static ResiliencePipeline Create(int retries, TimeSpan firstDelay, TimeProvider? time = null)
    {
        if (retries <= 0)
        {
            return ResiliencePipeline.Empty;
        }

        var builder = new ResiliencePipelineBuilder();
        if (time is not null)
        {
            builder.TimeProvider = time;
        }

        return builder.AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            MaxRetryAttempts = retries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = firstDelay,
            MaxDelay = TimeSpan.FromSeconds(10),
        }).Build();
    }

    public static bool IsTransient(Exception e) =>
        e is TimeoutException or HttpRequestException || (e is IOException && e is not FileNotFoundException and not DirectoryNotFoundException);
}
