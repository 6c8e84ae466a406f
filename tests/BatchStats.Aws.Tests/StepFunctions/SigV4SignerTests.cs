using System.Text;
using BatchStats.Aws.StepFunctions;

namespace BatchStats.Aws.Tests.StepFunctions;

public sealed class SigV4SignerTests
{
    private static readonly AwsSigningCredentials s_example = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    [Fact]
    public void Reproduces_the_documented_IAM_ListUsers_example()
    {
        // AWS General Reference, "Signature Version 4 signing process" worked example (GET ListUsers, 2015-08-30).
        var signature = SigV4Signer.ComputeSignature(
            "GET",
            new Uri("https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08"),
            [
                new("Host", "iam.amazonaws.com"),
                new("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                new("X-Amz-Date", "20150830T123600Z"),
            ],
            [],
            s_example,
            "us-east-1",
            "iam",
            new DateTime(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc));

        Assert.Equal(
            "GET\n/\nAction=ListUsers&Version=2010-05-08\ncontent-type:application/x-www-form-urlencoded; charset=utf-8\nhost:iam.amazonaws.com\nx-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            signature.CanonicalRequest);
        Assert.Equal(
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\nf536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59",
            signature.StringToSign);
        Assert.Equal("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9", signature.SigningKeyHex);
        Assert.Equal("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7", signature.Signature);
    }

    [Fact]
    public void Sign_adds_date_token_and_an_authorization_over_the_json_headers()
    {
        var body = Encoding.UTF8.GetBytes("{\"executionArn\":\"x\"}");
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:5000/");
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new("application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSStepFunctions.DescribeExecution");

        SigV4Signer.Sign(request, body, s_example with { SessionToken = "tok" }, "eu-central-1", "states", new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc));

        Assert.Equal("127.0.0.1:5000", request.Headers.Host);
        Assert.Equal("20240102T030405Z", request.Headers.GetValues("X-Amz-Date").Single());
        Assert.Equal("tok", request.Headers.GetValues("X-Amz-Security-Token").Single());
        var auth = request.Headers.Authorization!;
        Assert.Equal("AWS4-HMAC-SHA256", auth.Scheme);
        Assert.StartsWith(
            "Credential=AKIDEXAMPLE/20240102/eu-central-1/states/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=",
            auth.Parameter, StringComparison.Ordinal);

        // The signature depends on the body: a different body signs differently.
        var other = SigV4Signer.ComputeSignature("POST", request.RequestUri!, [new("host", "127.0.0.1:5000"), new("x-amz-date", "20240102T030405Z")],
            Encoding.UTF8.GetBytes("{}"), s_example, "eu-central-1", "states", new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        Assert.DoesNotContain(other.Signature, auth.Parameter, StringComparison.Ordinal);
    }
}
