using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Dssr.Engine.Api;

/// <summary>
/// The request path after a prefix, percent-decoded exactly once (including %2F, as Werkzeug does).
/// ASP.NET leaves %2F encoded in Request.Path, and decoding that again would double-decode %25.
/// </summary>
internal static class RawRequestPath
{
    public static string After(HttpContext http, string prefix)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.Value ?? "";
        var query = raw.IndexOf('?');
        if (query >= 0) raw = raw[..query];
        var decoded = Uri.UnescapeDataString(raw);
        return decoded.StartsWith(prefix, StringComparison.Ordinal) ? decoded[prefix.Length..] : decoded;
    }
}
