using CsCheck;

namespace Dssr.Reliability.Tests;

/// <summary>
/// Generated hostile text: quoting and shell metacharacters, control characters and NUL, lone
/// surrogates and direction marks, path pieces, leading dashes, huge numbers, and some long runs,
/// mixed with the pieces a given format is made of (so inputs get past the first check of a parser).
/// </summary>
internal static class HostileGen
{
    private static readonly string[] Nasty =
    [
        "'", "\"", "`", "$(", ")", "${", "}", ";", "|", "&", "<", ">", "\n", "\r", "\t", "\0", "\\", "\u202e", "\u200f",
        "\ud800", "\udc00", "\ud83d\ude00", "\ufeff", "é", "中", "..", "/", "-", "--", " ", "%", "%00", "*", "?", "~", "#",
        "99999999999999999999", "-1", "0", "00", "2147483648", "1e309", "NaN", "null", "[", "]", "{", ":", ",", "=",
    ];

    /// <summary>Text made of <paramref name="pieces"/> and hostile pieces, sometimes with a long run inside.</summary>
    public static Gen<string> Text(params string[] pieces)
    {
        string[] all = [.. pieces, .. Nasty];
        var piece = Gen.Frequency<string>(
            (4, Gen.OneOf(all)),
            (1, Gen.Char.Select(c => c.ToString())),
            (1, Gen.String[0, 12]));
        var parts = piece.Array[0, 40].Select(a => string.Concat(a));
        var longRun = Gen.Select(Gen.OneOf(all), Gen.Int[1_000, 65_536], (p, n) => string.Concat(Enumerable.Repeat(p, n / Math.Max(1, p.Length))));
        return Gen.Frequency<string>((30, parts), (1, longRun));
    }
}
