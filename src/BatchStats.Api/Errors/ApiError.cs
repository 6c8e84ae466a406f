using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace BatchStats.Api.Errors;

/// <summary>
/// The Sentinel Hub error body (spec §5.1), always wrapped:
/// <c>{"error":{"status","reason","message","code","errors"?}}</c>. <c>errors</c> maps a JSON path to its problem.
/// </summary>
public static class ApiError
{
    public static byte[] Body(int status, string code, string message, IReadOnlyDictionary<string, string>? errors = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteNumber("status", status);
            writer.WriteString("reason", ReasonPhrases.GetReasonPhrase(status));
            writer.WriteString("message", message);
            writer.WriteString("code", code);
            if (errors is { Count: > 0 })
            {
                writer.WriteStartObject("errors");
                foreach (var (path, problem) in errors)
                {
                    writer.WriteString(path, problem);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static IResult Result(int status, string message, string? code = null, IReadOnlyDictionary<string, string>? errors = null) =>
        new ErrorResult(status, Body(status, code ?? ApiErrorCodes.ForStatus(status), message, errors));

    public static Task WriteAsync(HttpContext context, int status, string message, string? code = null,
        IReadOnlyDictionary<string, string>? errors = null)
    {
        var body = Body(status, code ?? ApiErrorCodes.ForStatus(status), message, errors);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    }

    private sealed class ErrorResult(int status, byte[] body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = "application/json";
            httpContext.Response.ContentLength = body.Length;
            return httpContext.Response.Body.WriteAsync(body).AsTask();
        }

        public override string ToString() => Encoding.UTF8.GetString(body);
    }
}
