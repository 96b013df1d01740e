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

    /// <summary>
    /// A text answer too large to hold as a string (a long tail), read from its start and sent with its length in
    /// place of <see cref="Content"/>. Whoever sends the answer closes it.
    /// </summary>
    public Stream? Body { get; init; }

    /// <summary>The answer's text, from <see cref="Body"/> (which it closes) or <see cref="Content"/>: for callers that show it whole, such as the console's output view.</summary>
    public async Task<string> ReadTextAsync(CancellationToken ct = default)
    {
        if (Body is null) return Content ?? "";
        await using (Body.ConfigureAwait(false))
        using (var reader = new StreamReader(Body, System.Text.Encoding.UTF8))
            return await reader.ReadToEndAsync(ct).ConfigureAwait(false);
    }
}
