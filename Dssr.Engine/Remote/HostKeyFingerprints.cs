using System.Security.Cryptography;
using System.Text;

namespace Dssr.Engine.Remote;

/// <summary>OpenSSH's SHA256 fingerprints, from public key lines and from known_hosts files.</summary>
internal static class HostKeyFingerprints
{
    /// <summary><c>SHA256:</c> and the unpadded base64 of the SHA-256 of the key blob, as <c>ssh-keygen -l</c> prints.</summary>
    public static string Of(byte[] keyBlob) =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(keyBlob)).TrimEnd('=');

    /// <summary>The fingerprint of the base64 key field of a known_hosts or .pub line, or null if it is not base64.</summary>
    public static string? OfBase64(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var n) ? Of(buffer[..n]) : null;
    }

    /// <summary>The name known_hosts uses for this host and port.</summary>
    public static string HostPattern(string host, int port) => port == 22 ? host : $"[{host}]:{port}";

    /// <summary>The fingerprints a known_hosts text holds for the host, hashed names included; revoked and CA lines are skipped.</summary>
    public static IReadOnlyList<string> InKnownHosts(string knownHostsText, string host, int port) =>
        EntriesInKnownHosts(knownHostsText, host, port).Select(e => e.Fingerprint).Distinct().ToList();

    /// <summary>The key types and fingerprints a known_hosts text holds for the host, as <see cref="InKnownHosts"/> reads them.</summary>
    public static IReadOnlyList<(string KeyType, string Fingerprint)> EntriesInKnownHosts(string knownHostsText, string host, int port)
    {
        var pattern = HostPattern(host, port);
        var found = new List<(string, string)>();
        foreach (var raw in knownHostsText.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith('@')) continue;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 3) continue;
            if (!fields[0].Split(',').Any(name => NameMatches(name, pattern))) continue;
            if (OfBase64(fields[2]) is { } fp && !found.Contains((fields[1], fp))) found.Add((fields[1], fp));
        }
        return found;
    }

    /// <summary>Key lines (<c>name type base64</c>) as printed by ssh-keyscan, with their fingerprints.</summary>
    public static IReadOnlyList<(string Line, string Fingerprint)> ScannedKeys(string keyscanOutput)
    {
        var keys = new List<(string, string)>();
        foreach (var raw in keyscanOutput.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 3 && OfBase64(fields[2]) is { } fp) keys.Add((line, fp));
        }
        return keys;
    }

    private static bool NameMatches(string name, string pattern)
    {
        if (!name.StartsWith("|1|", StringComparison.Ordinal)) return name == pattern;
        // Hashed name: |1|base64(salt)|base64(HMAC-SHA1(salt, name)).
        var parts = name.Split('|');
        if (parts.Length != 4) return false;
        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var hash = Convert.FromBase64String(parts[3]);
            return HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(pattern)).AsSpan().SequenceEqual(hash);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
