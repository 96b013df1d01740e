using Dssr.Engine.Connectors;
using Dssr.Engine.Remote;

namespace Dssr.Connectors.Slurm;

/// <summary>
/// <c>/request/pvcls?path=…</c>: one folder level as the upstream expects it (<c>/data</c> prefixed, folders
/// first and ending in <c>/</c>, with <c>mtime size</c> when details are asked). The path travels as one argv
/// word, and must lie under a configured root: the original listed any folder the service user could read.
/// </summary>
internal static class PvclsListing
{
    public static string Confine(string? path, IReadOnlyList<string> roots)
    {
        if (roots.Count == 0)
            throw new InvalidInputException("path", $"pvcls is turned off: no folder may be listed until {SlurmSettingsReader.PvclsRoots} names some");
        var p = string.IsNullOrEmpty(path) ? "/" : path;
        if (!p.StartsWith('/') || p.Split('/').Any(s => s is ".." or ".") || p.Any(char.IsControl))
            throw new InvalidInputException("path", "expected an absolute path without '.' or '..' segments");
        var normal = p.Length > 1 ? p.TrimEnd('/') : p;
        if (!roots.Any(r => r == "/" || normal == r || normal.StartsWith(r + "/", StringComparison.Ordinal)))
            throw new InvalidInputException("path", $"'{normal}' is outside the folders pvcls may list ({string.Join(", ", roots)})");
        return normal;
    }

    public static IEnumerable<RemoteCommand> Commands(string folder, bool details)
    {
        // find's -printf replaces the original's stat per entry; %Ts is the mtime in seconds, as stat -c %Y.
        var dir = details ? "%Ts %s /data%p/\\n" : "/data%p/\\n";
        var file = details ? "%Ts %s /data%p\\n" : "/data%p\\n";
        yield return RemoteCommand.Of("find", folder, "-maxdepth", "1", "-type", "d", "-printf", dir);
        yield return RemoteCommand.Of("find", folder, "-maxdepth", "1", "-type", "f", "-printf", file);
    }

    public static bool WantsDetails(RequestQuery query) =>
        query.First("details") is { } d && d.Trim().ToLowerInvariant() is not ("" or "0" or "false" or "no");
}
