using System.Text;
using Dssr.Engine.Configuration;
using Renci.SshNet;
using Renci.SshNet.Common;
using Renci.SshNet.Security;

namespace Dssr.Engine.Remote.SshNet;

/// <summary>
/// Reads the account's private key for SSH.NET, in memory (no key file on disk): OpenSSH, PEM and PKCS#8
/// texts, ed25519, RSA and ECDSA, encrypted ones with the passphrase. A key that cannot be read is a
/// configuration error naming the setting, never showing the key.
/// </summary>
internal static class SshNetKeyLoader
{
    public static IPrivateKeySource Load(PrivateKeyMaterial key, string? passphrase)
    {
        try
        {
            using var text = new MemoryStream(Encoding.UTF8.GetBytes(key.Text));
            return WithoutSha1(passphrase is null ? new PrivateKeyFile(text) : new PrivateKeyFile(text, passphrase));
        }
        catch (SshPassPhraseNullOrEmptyException)
        {
            // A key set by a variable has its passphrase in the variable of the same name and _PASSPHRASE; a key
            // from elsewhere (a mapping file) has none, so it must be stored unencrypted.
            var fix = key.Variable.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_')
                ? $"set {key.Variable}_PASSPHRASE"
                : "store it without a passphrase";
            throw new ConfigurationException($"{key.Variable}: the private key is encrypted; {fix}");
        }
        catch (Exception e) when (e is SshException or System.Security.Cryptography.CryptographicException or FormatException
                                      or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            // SSH.NET's messages never hold key material, but they do not say which setting is wrong either.
            var why = passphrase is null ? "not a private key SSH.NET can read" : "wrong passphrase, or not a private key SSH.NET can read";
            throw new ConfigurationException($"{key.Variable}: the private key cannot be read ({why}; {key.Source})");
        }
    }

    /// <summary>The service user's own unencrypted keys (~/.ssh/id_ed25519, id_ecdsa, id_rsa), when no key is configured.</summary>
    public static IReadOnlyList<IPrivateKeySource> UserKeys()
    {
        var folder = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh");
        var keys = new List<IPrivateKeySource>();
        foreach (var name in new[] { "id_ed25519", "id_ecdsa", "id_rsa" })
        {
            var path = Path.Combine(folder, name);
            if (!File.Exists(path)) continue;
            try
            {
                keys.Add(WithoutSha1(new PrivateKeyFile(path)));
            }
            catch (Exception e) when (e is SshException or IOException or UnauthorizedAccessException
                                          or System.Security.Cryptography.CryptographicException)
            {
                // An encrypted or unreadable default key is skipped, as ssh does in batch mode.
            }
        }
        return keys;
    }

    /// <summary>
    /// Leaves out the SHA-1 <c>ssh-rsa</c> signature: OpenSSH 8.8 and later refuse it, so offering it first costs every RSA
    /// login a refused attempt (and a line in the server's log, and a try against MaxAuthTries).
    /// </summary>
    private static IPrivateKeySource WithoutSha1(IPrivateKeySource inner) => new NoSha1Rsa(inner);

    private sealed class NoSha1Rsa(IPrivateKeySource inner) : IPrivateKeySource
    {
        public IReadOnlyCollection<HostAlgorithm> HostKeyAlgorithms { get; } =
            inner.HostKeyAlgorithms.Where(a => a.Name != "ssh-rsa").ToList();
    }

    /// <summary>The public half as an authorized_keys line (<c>type base64</c>).</summary>
    public static string? PublicKeyLine(IPrivateKeySource key)
    {
        if (key.HostKeyAlgorithms.FirstOrDefault() is not KeyHostAlgorithm algorithm) return null;
        var blob = algorithm.Data;
        return SshBlob.KeyType(blob) is { } type ? $"{type} {Convert.ToBase64String(blob)}" : null;
    }
}
