using System.Text;
using System.Text.Json;
using Dssr.Engine.Connectors;

namespace Dssr.Engine.Executors;

/// <summary>A registry user name and password, decoded. <see cref="ToString"/> never shows them.</summary>
public sealed record RegistryCredentials(string Username, string Password)
{
    public static readonly RegistryCredentials None = new("", "");

    public override string ToString() => "RegistryCredentials { <redacted> }";

    /// <summary>
    /// The app image's registry credentials (§4.8.4): the registry is the host part of the image when the
    /// reference has more than two <c>/</c>-separated parts, else Docker Hub. JOBOBJ_DOCKER_SECRET wins when
    /// its server is that registry; otherwise the last matching <c>auths</c> entry of JOBOBJ_CTRSECRET.
    /// </summary>
    public static RegistryCredentials ForApp(string appImage, UpstreamJob job, string field)
    {
        var parts = appImage.Split('/');
        var registry = parts.Length > 2 ? parts[0] : "index.docker.io";

        if (DockerSecret(job.DockerSecret) is { } secret && Host(secret.Server) == registry)
            return new RegistryCredentials(secret.Username, secret.Password);

        var found = None;
        foreach (var (server, auth) in ContainerSecretAuths(job.ContainerSecret, $"{field}.JOBOBJ_CTRSECRET"))
        {
            if (Host(server) != registry) continue;
            var pair = DecodeBase64(auth, $"{field}.JOBOBJ_CTRSECRET", $"the auth of {server}");
            var colon = pair.IndexOf(':');
            if (colon < 0) throw new InvalidInputException($"{field}.JOBOBJ_CTRSECRET", $"the auth of {server} is not user:password");
            found = new RegistryCredentials(pair[..colon], pair[(colon + 1)..]);
        }
        return found;
    }

    /// <summary>As the original's <c>urlparse(server).netloc or server</c>.</summary>
    private static string Host(string server)
    {
        var scheme = server.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0) return server;
        var rest = server[(scheme + 3)..];
        var slash = rest.IndexOf('/');
        return slash < 0 ? rest : rest[..slash];
    }

    private sealed record DockerSecretJson(string Server, string Username, string Password);

    /// <summary>
    /// JOBOBJ_DOCKER_SECRET is a JSON object; invalid JSON counts as no secret, as in the original. Because the
    /// script goes through <c>str.format</c>, an upstream may have doubled its braces, so that form is read too.
    /// </summary>
    private static DockerSecretJson? DockerSecret(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        return TryRead(raw) ?? TryRead(raw.Replace("{{", "{").Replace("}}", "}"));

        static DockerSecretJson? TryRead(string text)
        {
            try
            {
                using var doc = JsonDocument.Parse(text);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return null;
                string S(string name) => root.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "";
                return new DockerSecretJson(S("server"), S("username"), S("password"));
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>The <c>auths</c> of the base64 docker <c>config.json</c> in JOBOBJ_CTRSECRET, as (server, auth) pairs.</summary>
    private static List<(string Server, string Auth)> ContainerSecretAuths(string? raw, string field)
    {
        if (string.IsNullOrWhiteSpace(raw)) return [];
        var json = DecodeBase64(raw.Trim(), field, "the value");
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new InvalidInputException(field, "expected base64 of a docker config.json object");
            if (!doc.RootElement.TryGetProperty("auths", out var auths) || auths.ValueKind != JsonValueKind.Object) return [];
            var list = new List<(string, string)>();
            foreach (var entry in auths.EnumerateObject())
            {
                if (entry.Value.ValueKind == JsonValueKind.Object && entry.Value.TryGetProperty("auth", out var auth) && auth.ValueKind == JsonValueKind.String)
                    list.Add((entry.Name, auth.GetString()!));
                else
                    throw new InvalidInputException(field, $"the auths entry {entry.Name} has no \"auth\" string");
            }
            return list;
        }
        catch (JsonException)
        {
            throw new InvalidInputException(field, "expected base64 of a docker config.json; the decoded text is not JSON");
        }
    }

    private static string DecodeBase64(string value, string field, string what)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(Convert.FromBase64String(value));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            throw new InvalidInputException(field, $"{what} is not valid base64 text");
        }
    }
}
