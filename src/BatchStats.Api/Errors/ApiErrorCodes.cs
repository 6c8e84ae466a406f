namespace BatchStats.Api.Errors;

/// <summary>The <c>error.code</c> values we emit (spec §5.1).</summary>
public static class ApiErrorCodes
{
    public const string BadPayload = "COMMON_BAD_PAYLOAD";
    public const string Unauthorized = "COMMON_UNAUTHORIZED";
    public const string InsufficientPermissions = "COMMON_INSUFFICIENT_PERMISSIONS";
    public const string NotFound = "COMMON_NOT_FOUND";
    public const string MethodNotAllowed = "COMMON_METHOD_NOT_ALLOWED";
    public const string UnsupportedMediaType = "COMMON_UNSUPPORTED_MEDIA_TYPE";
    public const string RateLimitExceeded = "RATE_LIMIT_EXCEEDED";
    public const string Exception = "COMMON_EXCEPTION";

    /// <summary>Not in the reference enum: the sync endpoint when no in-memory processor is configured (501).</summary>
    public const string NotImplemented = "COMMON_NOT_IMPLEMENTED";

    /// <summary>The default code for an HTTP status without a more specific one.</summary>
    public static string ForStatus(int status) => status switch
    {
        401 => Unauthorized,
        403 => InsufficientPermissions,
        404 => NotFound,
        405 => MethodNotAllowed,
        415 => UnsupportedMediaType,
        429 => RateLimitExceeded,
        501 => NotImplemented,
        >= 500 => Exception,
        _ => BadPayload,
    };
}
