using System.Text.Json.Serialization;

namespace BatchStats.Core.Jobs;

/// <summary>Why a job is <see cref="BatchStatus.Stopped"/> (spec §7.1).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StoppedStatusReason>))]
public enum StoppedStatusReason
{
    [JsonStringEnumMemberName("USER_ACTION")]
    UserAction,

    [JsonStringEnumMemberName("OUT_OF_PU")]
    OutOfPu,

    [JsonStringEnumMemberName("UNHEALTHY")]
    Unhealthy,
}
