using System.Text.Json;
using System.Text.Json.Serialization;
using BatchStats.Core.Calculations;
using BatchStats.Core.Validation;

namespace BatchStats.Core.Requests;

/// <summary>
/// The Batch Statistical request body (§6). Bind it only after <see cref="RequestValidator"/> found no problem
/// (<see cref="BatchRequestParser"/> does both). Unknown top-level keys are kept and echoed.
/// </summary>
public sealed class BatchStatisticalRequest
{
    [JsonPropertyName("input")]
    public RequestInput Input { get; set; } = new();

    [JsonPropertyName("aggregation")]
    public Aggregation Aggregation { get; set; } = new();

    /// <summary>Kept as raw JSON so integer/float edge spelling survives (S26); see <see cref="ParseCalculations"/>.</summary>
    [JsonPropertyName("calculations")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Calculations { get; set; }

    [JsonPropertyName("output")]
    public S3Reference Output { get; set; } = new();

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>The typed calculations (empty when absent). Throws when they are invalid (validation catches that first).</summary>
    public CalculationsDefinition ParseCalculations()
    {
        if (Calculations is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return CalculationsDefinition.Empty;
        }

        var problems = new List<ValidationProblem>();
        var definition = CalculationsDefinition.Parse(element, "calculations", problems);
        return problems.Count == 0 ? definition : throw new RequestValidationException(problems);
    }
}

/// <summary><c>input</c>: the features GeoPackage and the data collection(s).</summary>
public sealed class RequestInput
{
    [JsonPropertyName("features")]
    public S3Reference Features { get; set; } = new();

    [JsonPropertyName("data")]
    public List<DataSource> Data { get; set; } = [];

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
