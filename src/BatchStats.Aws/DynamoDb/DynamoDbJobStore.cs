using System.Globalization;
using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using BatchStats.Engine.Storage;

namespace BatchStats.Aws.DynamoDb;

/// <summary>
/// <see cref="IJobStore"/> over one DynamoDB table with partition key <c>requestId</c> (S). Items hold
/// <c>status</c> (S), <c>version</c> (N), <c>created</c> (S, ISO-8601 round-trip) and <c>document</c> (S, the task JSON).
/// Create is a conditional put (<c>attribute_not_exists</c>); update is a conditional put on the stored version.
/// List returns jobs only: the link records of <see cref="JobTableKeys"/> are left out.
/// </summary>
public sealed class DynamoDbJobStore : IJobStore
{
    internal const string KeyAttribute = "requestId";
    private const string StatusAttribute = "status";
    private const string VersionAttribute = "version";
    private const string CreatedAttribute = "created";
    private const string DocumentAttribute = "document";

    private readonly IAmazonDynamoDB _dynamo;
    private readonly string _tableName;

    public DynamoDbJobStore(IAmazonDynamoDB dynamo, string tableName)
    {
        _dynamo = dynamo ?? throw new ArgumentNullException(nameof(dynamo));
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        _tableName = tableName;
    }

    /// <summary>The table definition this store expects (used by tests and local setup; the SAM template mirrors it).</summary>
    public static CreateTableRequest TableDefinition(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions = [new AttributeDefinition(KeyAttribute, ScalarAttributeType.S)],
        KeySchema = [new KeySchemaElement(KeyAttribute, KeyType.HASH)],
    };

    public async Task CreateAsync(JobRecord record, CancellationToken ct = default)
    {
        Validate(record);
        try
        {
            await _dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = _tableName,
                Item = ToItem(record with { Version = 0 }),
                ConditionExpression = "attribute_not_exists(#id)",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#id"] = KeyAttribute },
            }, ct).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            throw new JobConflictException(record.RequestId, "a job with this id already exists.");
        }
    }

    public async Task<JobRecord?> GetAsync(string requestId, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        var response = await _dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = _tableName,
            Key = Key(requestId),
            ConsistentRead = true,
        }, ct).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? FromItem(item) : null;
    }

    public async Task<JobRecord> UpdateAsync(JobRecord record, long expectedVersion, CancellationToken ct = default)
    {
        Validate(record);
        var updated = record with { Version = expectedVersion + 1 };
        try
        {
            await _dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = _tableName,
                Item = ToItem(updated),
                ConditionExpression = "#v = :expected",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#v"] = VersionAttribute },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":expected"] = Number(expectedVersion) },
            }, ct).ConfigureAwait(false);
            return updated;
        }
        catch (ConditionalCheckFailedException)
        {
            throw new JobConflictException(record.RequestId, $"the stored version is not {expectedVersion} (changed concurrently, or unknown job).");
        }
    }

    public async IAsyncEnumerable<JobRecord> ListAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        // Jobs are few (one per upload): a consistent scan sorted in memory beats keeping a GSI in step.
        // Link records share the table but are not jobs (their document is no task): filtered by key, server side and here.
        var records = new List<JobRecord>();
        var request = new ScanRequest
        {
            TableName = _tableName,
            ConsistentRead = true,
            FilterExpression = "NOT begins_with(#id, :link)",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#id"] = KeyAttribute },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":link"] = new AttributeValue { S = JobTableKeys.RemoteLinkPrefix } },
        };
        do
        {
            var response = await _dynamo.ScanAsync(request, ct).ConfigureAwait(false);
            records.AddRange((response.Items ?? []).Select(FromItem).Where(r => JobTableKeys.IsJob(r.RequestId)));
            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (request.ExclusiveStartKey is not null);

        foreach (var record in records.OrderByDescending(r => r.Created).ThenBy(r => r.RequestId, StringComparer.Ordinal))
        {
            yield return record;
        }
    }

    private static void Validate(JobRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (string.IsNullOrEmpty(record.RequestId))
        {
            throw new ArgumentException("JobRecord.RequestId must not be empty.", nameof(record));
        }
    }

    private static Dictionary<string, AttributeValue> Key(string requestId) => new() { [KeyAttribute] = new AttributeValue { S = requestId } };

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static Dictionary<string, AttributeValue> ToItem(JobRecord record) => new()
    {
        [KeyAttribute] = new AttributeValue { S = record.RequestId },
        [StatusAttribute] = new AttributeValue { S = record.Status },
        [VersionAttribute] = Number(record.Version),
        [CreatedAttribute] = new AttributeValue { S = record.Created.ToString("O", CultureInfo.InvariantCulture) },
        [DocumentAttribute] = new AttributeValue { S = record.Document },
    };

    private static JobRecord FromItem(Dictionary<string, AttributeValue> item)
    {
        string Text(string name) => item.TryGetValue(name, out var v) && v.S is not null
            ? v.S
            : throw new InvalidDataException($"Job item is missing string attribute '{name}'.");

        var id = Text(KeyAttribute);
        var version = item.TryGetValue(VersionAttribute, out var n) && n.N is not null
            ? long.Parse(n.N, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : throw new InvalidDataException($"Job item {id} is missing number attribute '{VersionAttribute}'.");
        var created = DateTimeOffset.Parse(Text(CreatedAttribute), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        return new JobRecord(id, Text(StatusAttribute), version, created, Text(DocumentAttribute));
    }
}
