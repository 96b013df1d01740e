using Dssr.Engine.Connectors;

namespace Dssr.Engine.Executors;

/// <summary>The init and app images of a job (§4.8.4), as <c>docker://</c> references, and the global-registry flag.</summary>
public sealed record ImageReferences(string InitImage, string AppImage, bool AppIsInGlobalRegistries)
{
    public const string Scheme = "docker://";

    public static ImageReferences Resolve(UpstreamJob job, SingularitySettings settings, string field)
    {
        var app = ResolveAppImage(job, settings, field);
        var inGlobal = settings.GlobalRegistries.Any(r => app.Contains(r, StringComparison.Ordinal));
        var init = $"{settings.SystemRegistry}/{settings.SystemRepoBase}/initv{job.AppdefVersion}:{InitTag(settings.ImagesTag, settings.HostArch, job.Arch)}";
        return new ImageReferences(Scheme + init, Scheme + app, inGlobal);
    }

    /// <summary>The app image without its scheme: the local-registry copy, the proxied name, or JOBOBJ_REPO.</summary>
    public static string ResolveAppImage(UpstreamJob job, SingularitySettings settings, string field)
    {
        if (settings.LocalRegistry is not null)
        {
            var nae = job.Nae ?? throw new InvalidInputException($"{field}.JOBOBJ_NAE", "missing; a local registry is configured, so the app name is needed");
            return $"{settings.LocalRegistry}/{settings.LocalRepoBase}/{nae}:latest";
        }
        var repo = job.Repo ?? throw new InvalidInputException($"{field}.JOBOBJ_REPO", "missing; the script needs a line JOBOBJ_REPO=<image>");
        if (settings.RegistryProxyPort is { } port)
        {
            var prefix = settings.RegistryProxyRepos.FirstOrDefault(p => repo.StartsWith(p, StringComparison.Ordinal));
            if (prefix is not null)
            {
                var host = prefix.Split('/')[0];
                var at = repo.IndexOf(host, StringComparison.Ordinal);
                return repo[..at] + $"localhost:{port}" + repo[(at + host.Length)..];
            }
        }
        return repo;
    }

    /// <summary>
    /// The init image tag: when it ends with the host's architecture (in Go's spelling, <c>x86_64</c> being
    /// <c>amd64</c>), that suffix becomes the job's architecture, so a tag built for the Dssr host still
    /// pulls the right image for the compute nodes.
    /// </summary>
    public static string InitTag(string tag, string hostArch, string? jobArch)
    {
        var host = GoArch(hostArch);
        if (tag.Length > host.Length + 1 && tag.EndsWith(host, StringComparison.Ordinal))
            return tag[..^host.Length] + GoArch(jobArch ?? hostArch);
        return tag;
    }

    private static string GoArch(string arch) => arch == "x86_64" ? "amd64" : arch;
}
