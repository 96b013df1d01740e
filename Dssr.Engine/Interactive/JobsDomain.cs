using System.Globalization;
using Dssr.Engine.Configuration;

namespace Dssr.Engine.Interactive;

/// <summary>
/// Where interactive jobs are published, in Jarvice's <c>JARVICE_JOBS_DOMAIN</c> forms: <c>jobs.example.com</c>
/// (host-based: <c>job-&lt;number&gt;.jobs.example.com</c>), <c>example.com/job$</c> (path-based: <c>$</c> is the job
/// number), and either with a scheme and port in front (<c>http://host:8080/job$</c>). Without a scheme, https: the
/// proxy sits behind an ingress that terminates TLS.
/// </summary>
public sealed record JobsDomain(string Scheme, string Host, int? Port, string? PathPattern)
{
    public const string Setting = "JARVICE_JOBS_DOMAIN";

    public bool IsPathBased => PathPattern is not null;

    /// <summary>The host (and port) users reach; for path-based routing the path follows it.</summary>
    public string Authority => Port is { } p ? $"{Host}:{p.ToString(CultureInfo.InvariantCulture)}" : Host;

    /// <summary><c>%PUBLICADDR%</c>: <c>job-12.jobs.example.com</c> or <c>example.com/job12</c>.</summary>
    public string PublicAddress(long number) => IsPathBased ? Authority + BasePath(number) : $"job-{N(number)}.{Authority}";

    /// <summary>The job's address for <c>connect</c>: the host users reach, with its port, without a scheme or path.</summary>
    public string ConnectAddress(long number) => IsPathBased ? Authority : $"job-{N(number)}.{Authority}";

    /// <summary><c>%BASEURL%</c> and the job's path prefix: <c>/job12</c> path-based, <c>/</c> host-based.</summary>
    public string BasePath(long number) => IsPathBased ? "/" + PathPattern!.Replace("$", N(number), StringComparison.Ordinal) : "/";

    /// <summary>The job's URL root: <c>https://example.com/job12/</c>.</summary>
    public string BaseUrl(long number) => $"{Scheme}://{PublicAddress(number)}/";

    /// <summary>The job a path-based request is for: its first segment matches the pattern with a number in place of <c>$</c>.</summary>
    public long? JobOfPath(string path)
    {
        if (!IsPathBased) return null;
        var first = path.TrimStart('/').Split('/', 2)[0];
        var dollar = PathPattern!.IndexOf('$', StringComparison.Ordinal);
        var (prefix, suffix) = (PathPattern[..dollar], PathPattern[(dollar + 1)..]);
        if (first.Length <= prefix.Length + suffix.Length || !first.StartsWith(prefix, StringComparison.Ordinal) || !first.EndsWith(suffix, StringComparison.Ordinal))
            return null;
        var digits = first[prefix.Length..^suffix.Length];
        return digits.All(char.IsAsciiDigit) && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>The job a host-based request is for: <c>job-&lt;number&gt;.&lt;domain&gt;</c>.</summary>
    public long? JobOfHost(string host)
    {
        if (IsPathBased) return null;
        var name = host.Split(':')[0];
        var suffix = "." + Host;
        if (!name.StartsWith("job-", StringComparison.OrdinalIgnoreCase) || !name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return null;
        var digits = name[4..^suffix.Length];
        return digits.Length > 0 && digits.All(char.IsAsciiDigit) && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>The path pattern when no domain is configured: <c>/job&lt;number&gt;/</c> on the API's own listener.</summary>
    public const string DefaultPattern = "job$";

    /// <summary><c>JARVICE_INGRESSPATH</c> of a job (<c>job12</c>), or null under host-based routing.</summary>
    public static string? IngressPath(JobsDomain? domain, long number) => domain is { IsPathBased: false }
        ? null
        : (domain?.PathPattern ?? DefaultPattern).Replace("$", N(number), StringComparison.Ordinal);

    /// <summary>Path-based publication on the API's own listener (<c>http://127.0.0.1:5000/job$</c>), when no domain is set.</summary>
    public static JobsDomain OnListener(string listenUrl)
    {
        var uri = new Uri(listenUrl);
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" or "*" or "+" ? "127.0.0.1" : uri.Host;
        return new JobsDomain(uri.Scheme, host, uri.IsDefaultPort ? null : uri.Port, DefaultPattern);
    }

    private static string N(long number) => number.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads a JARVICE_JOBS_DOMAIN value; a malformed one is a <see cref="ConfigurationException"/> naming the setting.</summary>
    public static JobsDomain Parse(string text, string setting = Setting)
    {
        var value = text.Trim();
        var scheme = "https";
        var at = value.IndexOf("://", StringComparison.Ordinal);
        if (at >= 0)
        {
            scheme = value[..at].ToLowerInvariant();
            if (scheme is not ("http" or "https")) throw Bad(setting, text, "the scheme must be http or https");
            value = value[(at + 3)..];
        }
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? value : value[..slash];
        string? pattern = slash < 0 ? null : value[(slash + 1)..].TrimEnd('/');
        if (pattern is not null)
        {
            if (pattern.Contains('/', StringComparison.Ordinal)) throw Bad(setting, text, "only one / is allowed (as in example.com/job$)");
            if (pattern.Count(c => c == '$') != 1) throw Bad(setting, text, "the path needs exactly one $ for the job number (as in example.com/job$)");
            if (!pattern.All(c => char.IsAsciiLetterOrDigit(c) || c is '$' or '-' or '_' or '.'))
                throw Bad(setting, text, "the path may hold letters, digits, - _ . and the one $");
        }
        int? port = null;
        var host = authority;
        var colon = authority.LastIndexOf(':');
        if (colon >= 0)
        {
            host = authority[..colon];
            if (!int.TryParse(authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
                throw Bad(setting, text, "the port must be 1 to 65535");
            port = p;
        }
        if (host.Length == 0 || !host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-'))
            throw Bad(setting, text, "expected a host name such as jobs.example.com or example.com/job$");
        return new JobsDomain(scheme, host.ToLowerInvariant(), port, pattern);
    }

    private static ConfigurationException Bad(string setting, string text, string why) => new($"{setting}: '{text}': {why}");
}
