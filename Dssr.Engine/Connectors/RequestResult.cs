namespace Dssr.Engine.Connectors;

/// <summary>
/// A connector's answer to /request: JSON content is re-encoded and sent with 200 whatever
/// <see cref="Status"/> says (as the original did); anything else is sent as text with <see cref="Status"/>.
/// </summary>
public sealed record RequestResult(int Status, string? ContentType, string? Content)
{
    public const string Json = "application/json";
    public static RequestResult Empty(int status = 200) => new(status, null, "");

    /// <summary>JSON sent with <see cref="Status"/> rather than 200 (an interactive job's "not ready yet").</summary>
    public bool KeepsStatus { get; init; }

    /// <summary>Seconds the caller should wait before asking again (Retry-After), with <see cref="KeepsStatus"/>.</summary>
    public int? RetryAfterSeconds { get; init; }
}
