namespace BatchStats.Aws.DynamoDb;

/// <summary>
/// Key types of the jobs table. Besides jobs (GUID request ids) it holds side records that are not jobs: the
/// upload → hosted-request links of the <c>sentinelhub</c> backend, keyed <c>sentinelhub-&lt;upload id&gt;</c>. They must
/// never reach code that reads every item as a job (listing), so <see cref="DynamoDbJobStore.ListAsync"/> leaves them out.
/// </summary>
public static class JobTableKeys
{
    /// <summary>Prefix of the hosted-request link records. Job ids are GUIDs, so no job key starts with it.</summary>
    public const string RemoteLinkPrefix = "sentinelhub-";

    public static bool IsJob(string key) => !key.StartsWith(RemoteLinkPrefix, StringComparison.Ordinal);
}
