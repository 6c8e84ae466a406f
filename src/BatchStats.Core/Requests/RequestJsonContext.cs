using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace BatchStats.Core.Requests;

/// <summary>Source-generated (AOT/trim friendly) serialisation of the request model.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, AllowTrailingCommas = false)]
[JsonSerializable(typeof(BatchStatisticalRequest))]
[JsonSerializable(typeof(JsonNode))]
public sealed partial class RequestJsonContext : JsonSerializerContext;
