using System.Text.RegularExpressions;

namespace Dssr.Engine.Interactive;

/// <summary>
/// The app's URL template (its /etc/NAE/url.txt, the configured one, or a built-in) with Jarvice's substitutions
/// made: <c>%PUBLICADDR%</c>, <c>%NIMBIXPASSWD%</c>, <c>%NIMBIXUSER%</c>, <c>%JOBNAME%</c>, <c>%RANDOM16/32/64/128%</c>,
/// <c>%BASEURL%</c>. The container port after the address (<c>:5902</c>) is dropped and the scheme is the proxy's:
/// the job proxy publishes the service on its own address.
/// </summary>
internal static partial class UrlTemplates
{
    public const string Desktop = "https://%PUBLICADDR%/vnc.html?password=%NIMBIXPASSWD%&autoconnect=true&reconnect=true";
    public const string Webshell = "https://%PUBLICADDR%/";
    public const string Jupyter = "https://%PUBLICADDR%/?token=%RANDOM64%";
    public const string NimbixUser = "nimbix";

    /// <summary>A configured template may name a built-in one: desktop, webshell or jupyter.</summary>
    public static string Resolve(string? jobTemplate, string? configured) =>
        FirstLine(jobTemplate) ?? (configured?.ToLowerInvariant() switch
        {
            null => Webshell,
            "desktop" => Desktop,
            "webshell" => Webshell,
            "jupyter" => Jupyter,
            _ => configured,
        });

    public static string Substitute(string template, JobsDomain domain, long number, string jobName, JobSecrets secrets)
    {
        var address = domain.PublicAddress(number);
        var url = LeadingAddress().Replace(template, _ => $"{domain.Scheme}://{address}", 1);
        return url
            .Replace("%PUBLICADDR%", address, StringComparison.Ordinal)
            .Replace("%NIMBIXPASSWD%", secrets.Password, StringComparison.Ordinal)
            .Replace("%NIMBIXUSER%", NimbixUser, StringComparison.Ordinal)
            .Replace("%JOBNAME%", jobName, StringComparison.Ordinal)
            .Replace("%RANDOM128%", secrets.Random(128), StringComparison.Ordinal)
            .Replace("%RANDOM64%", secrets.Random(64), StringComparison.Ordinal)
            .Replace("%RANDOM32%", secrets.Random(32), StringComparison.Ordinal)
            .Replace("%RANDOM16%", secrets.Random(16), StringComparison.Ordinal)
            .Replace("%BASEURL%", domain.BasePath(number), StringComparison.Ordinal);
    }

    private static string? FirstLine(string? text) =>
        text?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);

    [GeneratedRegex(@"^https?://%PUBLICADDR%(:[0-9]+)?", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingAddress();
}
