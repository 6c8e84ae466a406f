using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BatchStats.Functions.Errors;

namespace BatchStats.Functions;

/// <summary>Stream in → typed event → call → typed result → stream out, with exceptions mapped to the ASL error names.</summary>
internal static class FunctionIo
{
    public static async Task<Stream> RunAsync<TIn, TOut>(
        Stream input, JsonTypeInfo<TIn> inType, JsonTypeInfo<TOut> outType, Func<TIn, CancellationToken, Task<TOut>> body)
    {
        ArgumentNullException.ThrowIfNull(input);
        TIn request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(input, inType).ConfigureAwait(false)
                      ?? throw new InvalidInputError($"The {typeof(TIn).Name} payload is null.");
        }
        catch (JsonException e)
        {
            throw new InvalidInputError($"The payload is not a valid {typeof(TIn).Name}: {e.Message}", e);
        }

        TOut result;
        try
        {
            result = await body(request, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (ErrorMapping.Map(e) is var mapped && !ReferenceEquals(mapped, e))
        {
            throw mapped;
        }

        return new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(result, outType), writable: false);
    }
}
