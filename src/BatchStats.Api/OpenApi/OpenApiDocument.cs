using System.Text.Json.Nodes;

namespace BatchStats.Api.OpenApi;

/// <summary>
/// The OpenAPI 3.0 description served at <c>/openapi.json</c>, hand-written so it names the reference
/// operationIds (spec §4) and documents the error wrapper (§5.1) exactly as served.
/// </summary>
internal static class OpenApiDocument
{
    public const string BatchPath = "/api/v1/statistics/batch";
    public const string SyncPath = "/api/v1/statistics";

    public static JsonObject Build()
    {
        var idParameter = new JsonObject
        {
            ["name"] = "id", ["in"] = "path", ["required"] = true,
            ["schema"] = new JsonObject { ["type"] = "string", ["format"] = "uuid" },
        };

        return new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject
            {
                ["title"] = "BatchStats — Sentinel-Hub-compatible Batch Statistical API",
                ["version"] = "1.0.0",
                ["description"] = "Batch Statistical API (create/list/get/status/analyse/start/stop), the synchronous Statistical API and an OAuth2 client-credentials token endpoint. Planet-era aliases /statistics/batch/v1 and /statistics/v1 are also served.",
            },
            ["security"] = new JsonArray(new JsonObject { ["oauth2"] = new JsonArray() }),
            ["paths"] = new JsonObject
            {
                [BatchPath] = new JsonObject
                {
                    ["post"] = Operation("createNewBatchStatisticsRequest", "Create a batch statistical request", 201, "BatchTask",
                        requestBody: RequestBody()),
                    ["get"] = Operation("searchBatchStatisticsRequests", "List requests (paged)", 200, "BatchTaskPage",
                        parameters: new JsonArray(
                            Query("count", "integer", "Page size (default 10, max 100)"),
                            Query("viewtoken", "string", "Cursor from links.nextToken / previousToken"),
                            Query("sort", "string", "created | created:desc (default) | status | status:desc"))),
                },
                [BatchPath + "/{id}"] = new JsonObject
                {
                    ["get"] = Operation("getSingleBatchStatisticalRequestById", "Get one request", 200, "BatchTask", parameters: new JsonArray(idParameter.DeepClone())),
                },
                [BatchPath + "/{id}/status"] = new JsonObject
                {
                    ["get"] = Operation("batchStatisticalGetStatus", "Status of one request", 200, "BatchTaskStatus", parameters: new JsonArray(idParameter.DeepClone())),
                },
                [BatchPath + "/{id}/analyse"] = Command("batchStatisticalAnalyse", "Analyse (validate evalscript and GeoPackage)", idParameter),
                [BatchPath + "/{id}/start"] = Command("batchStartStatisticalRequest", "Start processing (analyses first when needed)", idParameter),
                [BatchPath + "/{id}/stop"] = Command("batchStopStatisticalRequest", "Stop the request", idParameter),
                [BatchPath + "/{id}/cancel"] = Command("batchCancelStatisticalRequest", "Legacy: same as stop", idParameter),
                [SyncPath] = new JsonObject
                {
                    ["post"] = Operation("getStatistics", "Synchronous statistics for one geometry or bbox (501 when not configured)", 200,
                        "StatisticalResponse", requestBody: RequestBody()),
                },
                ["/auth/realms/main/protocol/openid-connect/token"] = TokenPath(),
                ["/oauth/token"] = TokenPath(),
            },
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject
                {
                    ["oauth2"] = new JsonObject
                    {
                        ["type"] = "oauth2",
                        ["flows"] = new JsonObject
                        {
                            ["clientCredentials"] = new JsonObject
                            {
                                ["tokenUrl"] = "/auth/realms/main/protocol/openid-connect/token",
                                ["scopes"] = new JsonObject { ["statistics:read"] = "list, get, status", ["statistics:write"] = "create, analyse, start, stop, sync" },
                            },
                        },
                    },
                },
                ["schemas"] = Schemas(),
            },
        };
    }

    private static JsonObject Command(string operationId, string summary, JsonObject idParameter) => new()
    {
        ["post"] = new JsonObject
        {
            ["operationId"] = operationId,
            ["summary"] = summary,
            ["parameters"] = new JsonArray(idParameter.DeepClone()),
            ["responses"] = Responses(new JsonObject { ["204"] = new JsonObject { ["description"] = "Accepted (or no-op); empty body" } }),
        },
    };

    private static JsonObject Operation(string operationId, string summary, int status, string schema, JsonArray? parameters = null, JsonObject? requestBody = null)
    {
        var operation = new JsonObject { ["operationId"] = operationId, ["summary"] = summary };
        if (parameters is not null)
        {
            operation["parameters"] = parameters;
        }

        if (requestBody is not null)
        {
            operation["requestBody"] = requestBody;
        }

        operation["responses"] = Responses(new JsonObject { [status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = Json(schema, "Success") });
        return operation;
    }

    private static JsonObject Responses(JsonObject success)
    {
        foreach (var (code, text) in new[] { ("400", "Bad request"), ("401", "Missing, malformed or expired token"), ("403", "Token lacks the right"),
                     ("404", "Unknown request id"), ("415", "Unsupported media type"), ("429", "Rate limit exceeded; Retry-After in milliseconds") })
        {
            success[code] = Json("Error", text);
        }

        return success;
    }

    private static JsonObject Json(string schema, string description) => new()
    {
        ["description"] = description,
        ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Ref(schema) } },
    };

    private static JsonObject RequestBody() => new()
    {
        ["required"] = true,
        ["content"] = new JsonObject
        {
            ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } },
            ["multipart/form-data"] = new JsonObject
            {
                ["schema"] = new JsonObject
                {
                    ["type"] = "object",
                    ["required"] = new JsonArray("request"),
                    ["properties"] = new JsonObject
                    {
                        ["request"] = new JsonObject { ["type"] = "string", ["description"] = "The JSON request" },
                        ["evalscript"] = new JsonObject { ["type"] = "string", ["description"] = "Replaces aggregation.evalscript" },
                    },
                },
            },
        },
    };

    private static JsonObject Query(string name, string type, string description) => new()
    {
        ["name"] = name, ["in"] = "query", ["required"] = false, ["description"] = description,
        ["schema"] = new JsonObject { ["type"] = type },
    };

    private static JsonObject TokenPath() => new()
    {
        ["post"] = new JsonObject
        {
            ["operationId"] = "token",
            ["summary"] = "OAuth2 client credentials (form body or HTTP Basic)",
            ["security"] = new JsonArray(),
            ["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject
                {
                    ["application/x-www-form-urlencoded"] = new JsonObject
                    {
                        ["schema"] = new JsonObject
                        {
                            ["type"] = "object",
                            ["required"] = new JsonArray("grant_type"),
                            ["properties"] = new JsonObject
                            {
                                ["grant_type"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("client_credentials") },
                                ["client_id"] = new JsonObject { ["type"] = "string" },
                                ["client_secret"] = new JsonObject { ["type"] = "string" },
                            },
                        },
                    },
                },
            },
            ["responses"] = new JsonObject
            {
                ["200"] = Json("Token", "Access token"),
                ["401"] = Json("OAuthError", "invalid_client"),
            },
        },
    };

    private static JsonObject Ref(string name) => new() { ["$ref"] = "#/components/schemas/" + name };

    private static JsonObject Schemas()
    {
        JsonObject Str(params string[] values) => values.Length == 0
            ? new JsonObject { ["type"] = "string" }
            : new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(values.Select(v => (JsonNode)v).ToArray()) };
        JsonObject DateTime() => new() { ["type"] = "string", ["format"] = "date-time" };
        JsonObject Num() => new() { ["type"] = "number" };
        string[] statuses = ["CREATED", "ANALYSING", "ANALYSIS_DONE", "PROCESSING", "DONE", "FAILED", "STOPPED"];

        return new JsonObject
        {
            ["BatchTask"] = new JsonObject
            {
                ["type"] = "object",
                ["required"] = new JsonArray("id", "request", "status", "completionPercentage"),
                ["properties"] = new JsonObject
                {
                    ["id"] = new JsonObject { ["type"] = "string", ["format"] = "uuid" },
                    ["status"] = Str(statuses),
                    ["userAction"] = Str("NONE", "ANALYSE", "START", "STOP"),
                    ["userActionUpdated"] = DateTime(),
                    ["completionPercentage"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["maximum"] = 100 },
                    ["lastUpdated"] = DateTime(),
                    ["costPU"] = Num(),
                    ["created"] = DateTime(),
                    ["error"] = Str(),
                    ["stoppedStatusReason"] = Str("USER_ACTION", "OUT_OF_PU", "UNHEALTHY"),
                    ["request"] = new JsonObject { ["type"] = "object", ["description"] = "The submitted request without secretAccessKey" },
                },
            },
            ["BatchTaskStatus"] = new JsonObject
            {
                ["type"] = "object",
                ["required"] = new JsonArray("id", "status", "completionPercentage"),
                ["properties"] = new JsonObject
                {
                    ["id"] = new JsonObject { ["type"] = "string", ["format"] = "uuid" },
                    ["status"] = Str(statuses),
                    ["completionPercentage"] = new JsonObject { ["type"] = "integer" },
                    ["lastUpdated"] = DateTime(),
                    ["costPU"] = Num(),
                    ["created"] = DateTime(),
                    ["error"] = Str(),
                    ["stoppedStatusReason"] = Str("USER_ACTION", "OUT_OF_PU", "UNHEALTHY"),
                },
            },
            ["BatchTaskPage"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["data"] = new JsonObject { ["type"] = "array", ["items"] = Ref("BatchTask") },
                    ["links"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject
                        {
                            ["currentToken"] = Str(), ["nextToken"] = Str(), ["previousToken"] = Str(),
                            ["@id"] = Str(), ["next"] = Str(), ["previous"] = Str(),
                        },
                    },
                },
            },
            ["StatisticalResponse"] = new JsonObject
            {
                ["type"] = "object",
                ["required"] = new JsonArray("data", "status"),
                ["properties"] = new JsonObject
                {
                    ["data"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "object" } },
                    ["status"] = Str("OK", "PARTIAL", "FAILED"),
                },
            },
            ["Error"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["error"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["required"] = new JsonArray("status", "reason", "message", "code"),
                        ["properties"] = new JsonObject
                        {
                            ["status"] = new JsonObject { ["type"] = "integer", ["format"] = "int32" },
                            ["reason"] = Str(), ["message"] = Str(),
                            ["code"] = Str("COMMON_BAD_PAYLOAD", "COMMON_UNAUTHORIZED", "COMMON_INSUFFICIENT_PERMISSIONS", "COMMON_NOT_FOUND",
                                "COMMON_METHOD_NOT_ALLOWED", "COMMON_UNSUPPORTED_MEDIA_TYPE", "RATE_LIMIT_EXCEEDED", "COMMON_EXCEPTION", "COMMON_NOT_IMPLEMENTED"),
                            ["errors"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = Str() },
                        },
                    },
                },
            },
            ["Token"] = new JsonObject
            {
                ["type"] = "object",
                ["required"] = new JsonArray("access_token", "expires_in", "token_type"),
                ["properties"] = new JsonObject { ["access_token"] = Str(), ["expires_in"] = new JsonObject { ["type"] = "integer" }, ["token_type"] = Str("Bearer") },
            },
            ["OAuthError"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject { ["error"] = Str(), ["error_description"] = Str() },
            },
        };
    }
}
