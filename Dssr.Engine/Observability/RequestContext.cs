namespace Dssr.Engine.Observability;

/// <summary>
/// The id of the upstream request being served, flowing with the async calls it makes (remote commands, log
/// lines), so one id joins the request, the commands it caused and its log lines.
/// </summary>
internal static class RequestContext
{
    public const string Header = "X-Request-Id";
    private const int MaxLength = 128;
    private static readonly AsyncLocal<string?> Current = new();

    /// <summary>The current request's id; null outside a request (the service's own work).</summary>
    public static string? Id => Current.Value;

    /// <summary>Serves the rest of this async flow under <paramref name="id"/>.</summary>
    public static void Enter(string? id) => Current.Value = id;

    /// <summary>The id the caller brought when it is a plain token, else a new one: it reaches log lines, so nothing else may pass.</summary>
    public static string TakeOrMake(string? brought) =>
        brought is { Length: > 0 and <= MaxLength } && brought.All(IsAllowed) ? brought : New();

    public static string New() => Guid.NewGuid().ToString("N")[..16];

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':';
}
