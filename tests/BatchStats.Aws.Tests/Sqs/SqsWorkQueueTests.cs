using Amazon.SQS.Model;
using BatchStats.Aws.Sqs;
using BatchStats.Aws.Tests.Moto;
using BatchStats.Engine.Storage;

namespace BatchStats.Aws.Tests.Sqs;

public sealed class SqsWorkQueueTests(MotoServer moto) : MotoTest(moto)
{
    [SkippableFact]
    public async Task Item_abandoned_maxReceiveCount_times_moves_to_the_dead_letter_queue()
    {
        Moto.Require();
        using var sqs = Moto.Clients.CreateSqs();
        var dlqUrl = (await sqs.CreateQueueAsync("work-dlq")).QueueUrl;
        var dlqArn = (await sqs.GetQueueAttributesAsync(dlqUrl, ["QueueArn"])).QueueARN;
        var url = (await sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = "work",
            Attributes = new() { ["RedrivePolicy"] = $"{{\"deadLetterTargetArn\":\"{dlqArn}\",\"maxReceiveCount\":\"2\"}}" },
        })).QueueUrl;
        var queue = new SqsWorkQueue(sqs, url);
        var item = new WorkItem("r-1", 0, 0, 10);
        await queue.EnqueueAsync(item);

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var got = Assert.Single(await queue.ReceiveAsync(10, TimeSpan.FromSeconds(2)));
            Assert.Equal(attempt, got.DeliveryCount);
            await queue.AbandonAsync(got, TimeSpan.Zero);
        }

        Assert.Empty(await queue.ReceiveAsync(10, TimeSpan.FromSeconds(1)));
        var dead = Assert.Single(await new SqsWorkQueue(sqs, dlqUrl).ReceiveAsync(10, TimeSpan.FromSeconds(2)));
        Assert.Equal(item, dead.Item);
    }

    [Fact]
    public void Body_is_camelCase_json_and_bad_bodies_name_the_problem()
    {
        var item = new WorkItem("r-1", 2, 200, 100);
        var json = WorkItemJson.Serialize(item);
        Assert.Equal("{\"requestId\":\"r-1\",\"chunkIndex\":2,\"firstFeatureIndex\":200,\"count\":100}", json);
        Assert.Equal(item, WorkItemJson.Deserialize(json));

        Assert.Contains("not a work item JSON", Assert.Throws<InvalidDataException>(() => WorkItemJson.Deserialize("{oops", "m-1")).Message, StringComparison.Ordinal);
        Assert.Contains("no 'requestId'", Assert.Throws<InvalidDataException>(() => WorkItemJson.Deserialize("{\"count\":1}", "m-2")).Message, StringComparison.Ordinal);
        Assert.Contains("'count' must be positive", Assert.Throws<InvalidDataException>(() => WorkItemJson.Deserialize("{\"requestId\":\"r\",\"count\":0}")).Message, StringComparison.Ordinal);
    }
}
