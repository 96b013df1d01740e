namespace Dssr.Engine.Connectors;

/// <summary>The <c>qs</c> argument of /request: what <c>urllib.parse.parse_qs</c> gives, key → values.</summary>
public sealed record RequestQuery(IReadOnlyDictionary<string, IReadOnlyList<string>> Values)
{
    public static readonly RequestQuery Empty = new(new Dictionary<string, IReadOnlyList<string>>());

    public string? First(string key) =>
        Values.TryGetValue(key, out var v) && v.Count > 0 ? v[0] : null;
}
