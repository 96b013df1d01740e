using System.Text;
using Dssr.Engine.Configuration;

namespace Dssr.Engine.Remote;

/// <summary>
/// A private key as the configuration gives it: PEM text, base64 of PEM text (detected),
/// or the path of a key file. The text is never shown: <see cref="ToString"/> and <see cref="Describe"/> mask it.
/// </summary>
public sealed class PrivateKeyMaterial
{
    private readonly string _pem;

    private PrivateKeyMaterial(string pem, string source, string variable)
    {
        _pem = pem;
        Source = source;
        Variable = variable;
    }

    /// <summary>The setting that gave the key, for messages about it.</summary>
    public string Variable { get; }

    /// <summary>The key text, normalized (trimmed, LF line ends), for an in-process SSH client; never for messages.</summary>
    internal string Text => _pem;

    /// <summary>Where the key came from: "PEM text", "base64 PEM" or the file path.</summary>
    public string Source { get; }

    public static PrivateKeyMaterial Parse(string value, string variable = "the private key")
    {
        var trimmed = value.Trim();
        if (LooksLikePem(trimmed)) return new PrivateKeyMaterial(Normalize(trimmed), "PEM text", variable);
        if (!trimmed.Contains('\n') && File.Exists(trimmed))
        {
            var text = File.ReadAllText(trimmed);
            if (!LooksLikePem(text.Trim()))
                throw new ConfigurationException($"{variable}: the file {trimmed} does not hold a PEM or OpenSSH private key");
            return new PrivateKeyMaterial(Normalize(text.Trim()), trimmed, variable);
        }
        var decoded = TryBase64(trimmed);
        if (decoded is not null && LooksLikePem(decoded.Trim())) return new PrivateKeyMaterial(Normalize(decoded.Trim()), "base64 PEM", variable);
        // The value itself is a secret: the message must not echo it.
        throw new ConfigurationException($"{variable} is neither PEM text, base64 of PEM text, nor the path of a key file ({value.Length} characters)");
    }

    /// <summary>Writes the key with mode 0600 (created so, never wider) and returns the path.</summary>
    public string WriteTo(string path)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("key files need a Unix system");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using (var stream = new FileStream(path, options))
        {
            stream.Write(Encoding.UTF8.GetBytes(_pem));
        }
        return path;
    }

    public string Describe() => $"set ({Source}, {_pem.Length} characters, masked)";

    public override string ToString() => Describe();

    private static bool LooksLikePem(string text) =>
        text.StartsWith("-----BEGIN ", StringComparison.Ordinal) && text.Contains("PRIVATE KEY-----", StringComparison.Ordinal);

    private static string Normalize(string pem) => pem.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";

    private static string? TryBase64(string text)
    {
        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        var buffer = new byte[compact.Length];
        if (!Convert.TryFromBase64String(compact, buffer, out var written)) return null;
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
