using Dssr.Engine.Interactive;

namespace Dssr.Connectors.Slurm.Rendering;

/// <summary>
/// What an interactive job's script is given besides the upstream's: its password and token (under the
/// configured container variable names), the port file and URL file the wrapper writes, and, under path-based
/// routing, the ingress path its app builds its base URL from.
/// </summary>
/// <param name="IngressPath"><c>job12</c> under path-based routing; null host-based.</param>
public sealed record InteractiveRendering(
    JobSecrets Secrets,
    IReadOnlyList<string> PasswordEnv,
    IReadOnlyList<string> TokenEnv,
    string ServiceFile,
    string UrlFile,
    string? IngressPath)
{
    public override string ToString() => $"InteractiveRendering {{ {ServiceFile}, {IngressPath} }}";
}
