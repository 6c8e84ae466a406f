using System.Text.Json;

namespace BatchStats.Core.Validation;

/// <summary>Human names of JSON value kinds for "must be a number, got string" messages.</summary>
internal static class JsonKinds
{
    public static string Name(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
