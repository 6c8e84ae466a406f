using System.Text.Json.Serialization;

namespace BatchStats.Core.Jobs;

/// <summary>The last action a user requested on a job (spec §7.1). <c>CANCEL</c> is never emitted.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UserAction>))]
public enum UserAction
{
    [JsonStringEnumMemberName("NONE")]
    None,

    [JsonStringEnumMemberName("ANALYSE")]
    Analyse,

    [JsonStringEnumMemberName("START")]
    Start,

    [JsonStringEnumMemberName("STOP")]
    Stop,
}
