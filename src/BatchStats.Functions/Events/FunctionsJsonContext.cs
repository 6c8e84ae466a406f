using System.Text.Json.Serialization;

namespace BatchStats.Functions.Events;

/// <summary>Source-generated (reflection-free, AOT-safe) JSON for every event and payload of the handlers.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip)]
[JsonSerializable(typeof(UploadEvent))]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
[JsonSerializable(typeof(CreateRequestResult))]
[JsonSerializable(typeof(GetStatusInput))]
[JsonSerializable(typeof(GetStatusResult))]
[JsonSerializable(typeof(ExportInput))]
[JsonSerializable(typeof(ExportFunctionResult))]
[JsonSerializable(typeof(LambdaErrorBody))]
public sealed partial class FunctionsJsonContext : JsonSerializerContext;
