using System.Text.RegularExpressions;

namespace Dssr.Engine.Remote;

/// <summary>Reads what the OpenSSH client logged when a connection failed, and names the failure.</summary>
internal static partial class SshFailure
{
    public static bool IsHostKeyChanged(string log) =>
        log.Contains("REMOTE HOST IDENTIFICATION HAS CHANGED", StringComparison.Ordinal)
        || log.Contains("has changed and you have requested strict checking", StringComparison.Ordinal);

    public static bool IsHostKeyUnknown(string log) =>
        log.Contains("host key is known for", StringComparison.Ordinal)
        || log.Contains("Host key verification failed", StringComparison.Ordinal);

    public static bool IsAuthentication(string log) =>
        log.Contains("Permission denied", StringComparison.Ordinal)
        || log.Contains("Too many authentication failures", StringComparison.Ordinal);

    /// <summary>The fingerprint ssh printed for the key the server sent, if it printed one.</summary>
    public static string? SentFingerprint(string log) =>
        Fingerprint().Match(log) is { Success: true } m ? m.Value : null;

    /// <summary>The last meaningful line, for messages: ssh's own words, secrets never among them.</summary>
    public static string LastLine(string log)
    {
        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "ssh gave no reason" : lines[^1];
    }

    [GeneratedRegex("SHA256:[A-Za-z0-9+/]{43}")]
    private static partial Regex Fingerprint();
}
