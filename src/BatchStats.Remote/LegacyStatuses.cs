using System.Text.Json;
using System.Text.Json.Nodes;

namespace BatchStats.Remote;

/// <summary>
/// Statuses a hosted service may still send but our model (spec §7.1) does not have: <c>PARTIAL</c> (in the OpenAPI
/// enum, never documented as reachable) and the early-beta <c>CANCELED</c> with user action <c>CANCEL</c>. They are
/// rewritten to the nearest §7.1 meaning before the JSON is bound, so a poll never fails on them:
/// <list type="bullet">
/// <item><c>PARTIAL</c> → <c>DONE</c>: the request ended and wrote its files, some features as error documents (the
/// same outcome as our DONE with failed features), so the pipeline exports; <c>error</c> says it was PARTIAL.</item>
/// <item><c>CANCELED</c> → <c>STOPPED</c> (<c>USER_ACTION</c> unless a reason is given), <c>error</c> says it was
/// CANCELED; action <c>CANCEL</c> → <c>STOP</c> (the 2023 rename, §7.1 history).</item>
/// </list>
/// Any other unknown status fails with a message naming the field and the value.
/// </summary>
internal static class LegacyStatuses
{
    public const string PartialMessage =
        "The hosted service reported the legacy status PARTIAL (some features failed; their result files hold the errors); treated as DONE.";

    public const string CanceledMessage = "The hosted service reported the legacy status CANCELED; treated as STOPPED.";

    private static readonly HashSet<string> s_known = ["CREATED", "ANALYSING", "ANALYSIS_DONE", "PROCESSING", "DONE", "FAILED", "STOPPED"];

    /// <summary>The JSON unchanged when it has only §7.1 values, else the rewritten object.</summary>
    public static string Normalize(string json)
    {
        if (JsonNode.Parse(json) is not JsonObject task)
        {
            return json;
        }

        var status = task["status"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        var changed = false;
        switch (status)
        {
            case "PARTIAL":
                task["status"] = "DONE";
                task["error"] ??= PartialMessage;
                changed = true;
                break;
            case "CANCELED":
                task["status"] = "STOPPED";
                task["stoppedStatusReason"] ??= "USER_ACTION";
                task["error"] ??= CanceledMessage;
                changed = true;
                break;
            case null:
                break;
            default:
                if (!s_known.Contains(status))
                {
                    throw new JsonException($"status: '{status}' is not a Batch Statistical status (CREATED, ANALYSING, ANALYSIS_DONE, PROCESSING, DONE, FAILED, STOPPED, or the legacy PARTIAL/CANCELED).");
                }

                break;
        }

        if (task["userAction"] is JsonValue action && action.TryGetValue<string>(out var actionText) && actionText == "CANCEL")
        {
            task["userAction"] = "STOP";
            changed = true;
        }

        return changed ? task.ToJsonString() : json;
    }
}
