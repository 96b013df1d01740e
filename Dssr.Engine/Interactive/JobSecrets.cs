using System.Security.Cryptography;

namespace Dssr.Engine.Interactive;

/// <summary>
/// An interactive job's password (the "nimbix" password of <c>connect</c> and <c>%NIMBIXPASSWD%</c>) and its token
/// (<c>%RANDOM16/32/64/128%</c> are its prefixes). Made by a CSPRNG at submit, kept in the journal only; never logged.
/// </summary>
public sealed record JobSecrets(string Password, string Token)
{
    public const int PasswordLength = 24;
    public const int TokenLength = 128;
    /// <summary>Letters and digits: safe in a URL, a shell word and an HTTP credential without escaping.</summary>
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static JobSecrets Generate() =>
        new(RandomNumberGenerator.GetString(Alphabet, PasswordLength), RandomNumberGenerator.GetString(Alphabet, TokenLength));

    /// <summary>The first <paramref name="length"/> characters of the token (16, 32, 64 or 128).</summary>
    public string Random(int length) => Token[..Math.Min(length, Token.Length)];

    /// <summary>Never the values: a record's generated text would put them in a log line.</summary>
    public override string ToString() => "JobSecrets { <redacted> }";
}
