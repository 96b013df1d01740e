using System.Globalization;
using System.Text;

namespace Dssr.Engine.Remote;

/// <summary>
/// Reads a server's host keys with <c>ssh-keyscan</c>: to report what a server sent when ssh did not print it,
/// and to turn a pinned fingerprint into a one-line known_hosts file, so ssh itself refuses any other key.
/// </summary>
internal static class HostKeyScan
{
    public static async Task<IReadOnlyList<(string Line, string Fingerprint)>> ScanAsync(SshSettings s, CancellationToken ct)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(s.ConnectTimeout.TotalSeconds));
        ProcessOutcome outcome;
        try
        {
            outcome = await LocalProcess.RunAsync("ssh-keyscan",
                new[] { "-T", seconds.ToString(CultureInfo.InvariantCulture), "-p", s.Port.ToString(CultureInfo.InvariantCulture), "--", s.Host },
                null, TimeSpan.FromSeconds(seconds + 5), ct).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new RemoteConnectException("ssh-keyscan is not installed (package openssh-client)", e);
        }
        var keys = HostKeyFingerprints.ScannedKeys(Encoding.UTF8.GetString(outcome.Stdout));
        if (keys.Count == 0)
            throw new RemoteConnectException($"no host key could be read from {s.Host}:{s.Port} (ssh-keyscan); check the address and port");
        return keys;
    }

    public static async Task<IReadOnlyList<string>> FingerprintsAsync(SshSettings s, CancellationToken ct) =>
        (await ScanAsync(s, ct).ConfigureAwait(false)).Select(k => k.Fingerprint).Distinct().ToList();

    /// <summary>Writes the known_hosts lines of the keys that match the pin; refuses with both fingerprints when none does.</summary>
    public static async Task<string> WritePinnedAsync(SshSettings s, string pinned, string file, CancellationToken ct)
    {
        var scanned = await ScanAsync(s, ct).ConfigureAwait(false);
        var pin = Normalize(pinned);
        var matching = scanned.Where(k => Normalize(k.Fingerprint) == pin).Select(k => k.Line).ToList();
        if (matching.Count == 0)
            throw new HostKeyMismatchException(s.Host, s.Port, new[] { pinned }, scanned.Select(k => k.Fingerprint).Distinct().ToList());
        await File.WriteAllLinesAsync(file, matching, ct).ConfigureAwait(false);
        return file;
    }

    /// <summary>Compares fingerprints given with or without the <c>SHA256:</c> prefix and base64 padding.</summary>
    public static string Normalize(string fingerprint)
    {
        var text = fingerprint.Trim();
        if (text.StartsWith("SHA256:", StringComparison.OrdinalIgnoreCase)) text = text[7..];
        return text.TrimEnd('=');
    }
}
