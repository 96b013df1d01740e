using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Dssr.Engine.Interactive;

/// <summary>
/// When a cluster requires it, a proxied request must carry the job's token or password: <c>?token=</c> (as
/// Jupyter's URL does), an <c>Authorization: Bearer</c> or <c>Basic</c> header, or the cookie set after the first
/// such request, so the page's own requests (scripts, WebSockets) get through. Compared in constant time.
/// </summary>
internal static class JobAccess
{
    public const string Cookie = "dssr-job-token";

    public static bool Allows(HttpRequest request, JobSecrets secrets, out bool setCookie)
    {
        setCookie = false;
        if (request.Cookies.TryGetValue(Cookie, out var cookie) && Matches(cookie, secrets)) return true;
        var offered = request.Query["token"].FirstOrDefault() ?? FromHeader(request.Headers.Authorization.FirstOrDefault());
        if (offered is null || !Matches(offered, secrets)) return false;
        setCookie = true;
        return true;
    }

    private static string? FromHeader(string? header)
    {
        if (header is null) return null;
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header[7..].Trim();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            return pair[(pair.IndexOf(':', StringComparison.Ordinal) + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The password, the token, or one of the token's prefixes that URL templates carry (%RANDOM16/32/64%).</summary>
    private static bool Matches(string offered, JobSecrets secrets) =>
        Same(offered, secrets.Password) || new[] { 128, 64, 32, 16 }.Any(n => Same(offered, secrets.Random(n)));

    private static bool Same(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
