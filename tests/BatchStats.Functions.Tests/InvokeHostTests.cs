using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BatchStats.Functions.Errors;
using BatchStats.InvokeHost;

namespace BatchStats.Functions.Tests;

public sealed class InvokeHostTests
{
    [Theory]
    [InlineData("GetStatusFunction", "GetStatusFunction")]
    [InlineData("arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3AGetStatusFunction", "GetStatusFunction")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:ExportFunction:live", "ExportFunction")]
    public void Function_names_resolve_from_names_and_url_encoded_arns_without_qualifier(string segment, string expected) =>
        Assert.Equal(expected, LambdaInvokeHost.ResolveFunctionName(segment));

    [Fact]
    public async Task Invoke_api_answers_like_lambda_for_success_unknown_error_and_event_invocations()
    {
        var eventRan = new TaskCompletionSource<string>();
        var functions = new Dictionary<string, Func<Stream, Task<Stream>>>
        {
            ["Echo"] = async input =>
            {
                var text = await new StreamReader(input).ReadToEndAsync();
                return new MemoryStream(Encoding.UTF8.GetBytes($"{{\"echo\":{text}}}"));
            },
            ["Fails"] = _ => throw new InvalidInputError("requestId is required"),
            ["Background"] = async input =>
            {
                eventRan.SetResult(await new StreamReader(input).ReadToEndAsync());
                return new MemoryStream();
            },
        };
        await using var host = await LambdaInvokeHost.StartAsync(functions);
        using var http = new HttpClient();

        async Task<HttpResponseMessage> Post(string fn, string body, bool asEvent = false)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.Endpoint, $"2015-03-31/functions/{Uri.EscapeDataString(fn)}/invocations"))
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            if (asEvent)
            {
                request.Headers.Add("X-Amz-Invocation-Type", "Event");
            }

            return await http.SendAsync(request);
        }

        using var ok = await Post("arn:aws:lambda:us-east-1:123456789012:function:Echo", """{"a":1}""");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("""{"echo":{"a":1}}""", await ok.Content.ReadAsStringAsync());
        Assert.True(ok.Headers.Contains("x-amzn-RequestId"));

        using var missing = await Post("Nope", "{}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("ResourceNotFoundException", missing.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Contains("Function not found: Nope", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The managed runtime's shape: 200, the Unhandled header, errorType = the exception's type name (ASL matches it).
        using var failed = await Post("Fails", "{}");
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        Assert.Equal("Unhandled", failed.Headers.GetValues("X-Amz-Function-Error").Single());
        var error = JsonNode.Parse(await failed.Content.ReadAsStringAsync())!;
        Assert.Equal("InvalidInputError", (string?)error["errorType"]);
        Assert.Equal("requestId is required", (string?)error["errorMessage"]);
        Assert.NotEmpty(error["stackTrace"]!.AsArray());

        using var accepted = await Post("Background", """{"b":2}""", asEvent: true);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("""{"b":2}""", await eventRan.Task.WaitAsync(TimeSpan.FromSeconds(10)));

        await host.WhenIdleAsync();
        Assert.Equal(new[] { "Echo", "Fails", "Background" }.AsEnumerable(), host.Invocations.Select(i => i.Function));
        Assert.Equal(new string?[] { null, "InvalidInputError", null }.AsEnumerable(), host.Invocations.Select(i => i.ErrorType));
    }
}
