using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Dssr.Engine.Api;

/// <summary>
/// HTTP Basic with the JARVICE_SCHED_SERVER_KEY credentials (<c>user:password</c>), compared in
/// constant time. /live and /ready stay open for probes.
/// </summary>
internal sealed class BasicAuth
{
    private readonly byte[] _expected;

    public BasicAuth(string serverKey) => _expected = Encoding.UTF8.GetBytes(serverKey);

    public bool IsAuthorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return false;
        byte[] given;
        try
        {
            given = Convert.FromBase64String(header[6..].Trim());
        }
        catch (FormatException)
        {
            return false;
        }
        // FixedTimeEquals leaks only the length; hashing both sides first hides that too.
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(given), SHA256.HashData(_expected));
    }
}
