using System.Globalization;
using Dssr.Engine.Configuration;

namespace Dssr.Engine.Interactive;

/// <summary>A cluster's interactive-job settings (its section of the configuration), read once at start.</summary>
public sealed record InteractiveSettings
{
    public const string PasswordEnvSetting = "DSSR_INTERACTIVE_PASSWORD_ENV";
    public const string TokenEnvSetting = "DSSR_INTERACTIVE_TOKEN_ENV";
    public const string RequireTokenSetting = "DSSR_INTERACTIVE_REQUIRE_TOKEN";
    public const string IdleTtlSetting = "DSSR_INTERACTIVE_IDLE_TTL";
    public const string UrlTemplateSetting = "DSSR_INTERACTIVE_URL_TEMPLATE";

    /// <summary>Null: path-based under the API's own listener (<see cref="Domain"/> is then made from it).</summary>
    public JobsDomain? Domain { get; init; }
    /// <summary>The container variables (without the SINGULARITYENV_ prefix) that receive the job's password.</summary>
    public IReadOnlyList<string> PasswordEnv { get; init; } = ["JARVICE_JOB_PASSWORD"];
    /// <summary>The container variables that receive the job's token.</summary>
    public IReadOnlyList<string> TokenEnv { get; init; } = ["JARVICE_JOBTOKEN"];
    /// <summary>The proxy lets a request through only with the job's token or password.</summary>
    public bool RequireToken { get; init; }
    /// <summary>A tunnel with no proxied connection for this long is closed (re-made on the next request).</summary>
    public TimeSpan IdleTtl { get; init; } = TimeSpan.FromMinutes(15);
    /// <summary>The URL template when the job gives none (no /etc/NAE/url.txt); null: the built-in one.</summary>
    public string? UrlTemplate { get; init; }

    public static readonly IReadOnlyList<Setting> All =
    [
        new(JobsDomain.Setting, "unset (path-based /job<number>/ on the API's listener)", "where interactive jobs are published: jobs.example.com (job-<number>.jobs.example.com), example.com/job$, or http://host:port/job$"),
        new(PasswordEnvSetting, "JARVICE_JOB_PASSWORD", "comma list of container variables (SINGULARITYENV_ names without the prefix) given an interactive job's password"),
        new(TokenEnvSetting, "JARVICE_JOBTOKEN", "comma list of container variables given an interactive job's token"),
        new(RequireTokenSetting, "false", "true: the job proxy asks for the job's token or password (?token=, a Bearer or Basic header, or the dssr-job-token cookie)"),
        new(IdleTtlSetting, "900", "seconds a job's tunnel stays open with no proxied connection"),
        new(UrlTemplateSetting, "https://%PUBLICADDR%/", "the URL template of jobs whose image has no /etc/NAE/url.txt (%PUBLICADDR%, %NIMBIXPASSWD%, %RANDOM64%, ...)"),
    ];

    public static InteractiveSettings Read(IReadOnlyDictionary<string, string> env)
    {
        string? Get(string name) => env.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        var settings = new InteractiveSettings();
        if (Get(JobsDomain.Setting) is { } domain) settings = settings with { Domain = JobsDomain.Parse(domain) };
        if (Get(PasswordEnvSetting) is { } p) settings = settings with { PasswordEnv = Names(PasswordEnvSetting, p) };
        if (Get(TokenEnvSetting) is { } t) settings = settings with { TokenEnv = Names(TokenEnvSetting, t) };
        if (Get(RequireTokenSetting) is { } r)
            settings = settings with
            {
                RequireToken = r.ToLowerInvariant() switch
                {
                    "true" or "1" or "yes" => true,
                    "false" or "0" or "no" => false,
                    _ => throw new ConfigurationException($"{RequireTokenSetting} must be true or false, not {r}"),
                },
            };
        if (Get(IdleTtlSetting) is { } ttl)
        {
            if (!int.TryParse(ttl, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > 7 * 86400)
                throw new ConfigurationException($"{IdleTtlSetting} must be a number of seconds (1 to 604800), not {ttl}");
            settings = settings with { IdleTtl = TimeSpan.FromSeconds(seconds) };
        }
        if (Get(UrlTemplateSetting) is { } template)
        {
            if (template.Any(char.IsControl)) throw new ConfigurationException($"{UrlTemplateSetting} must be one line");
            settings = settings with { UrlTemplate = template };
        }
        return settings;
    }

    /// <summary>Environment variable names only: each becomes part of an <c>export</c> line.</summary>
    private static IReadOnlyList<string> Names(string setting, string text)
    {
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var n in names)
            if (n.Length == 0 || char.IsAsciiDigit(n[0]) || !n.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                throw new ConfigurationException($"{setting}: '{n}' is not an environment variable name");
        return names;
    }
}
