using System.Globalization;
using System.Text;
using CsCheck;

namespace Dssr.Reliability.Tests.Json;

/// <summary>
/// Generated JSON documents as standard JSON text: nested objects (with duplicate and non-ASCII keys) and
/// arrays, strings over all of Unicode (every non-ASCII character escaped, so the text itself is ASCII),
/// integers of any size, and finite doubles in shortest round-trip form.
/// </summary>
internal static class JsonValueGen
{
    private static readonly Gen<string> Text =
        Gen.Frequency<string>(
            (3, Gen.Int[0, 0x10FFFF].Where(c => c is < 0xD800 or > 0xDFFF).Select(char.ConvertFromUtf32).Array[0, 12].Select(a => string.Concat(a))),
            (3, Gen.OneOf("", "a", "b", "é", "\0", "\u001f", "\u007f", "\"", "\\", "/", "\n", "\u2028", "\ud83d\ude00", "中文", "</script>")
                .Array[0, 6].Select(a => string.Concat(a))),
            (1, Gen.Char['\0', '\u00ff'].Array[0, 30].Select(a => new string(a))));

    private static readonly Gen<string> Number = Gen.Frequency<string>(
        (3, Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.Char['0', '9'].Array[1, 60].Select(d => (d[0] == '0' ? "1" : "") + new string(d))), // beyond 64 bits
        (3, Gen.Double.Where(double.IsFinite).Select(d => d.ToString("R", CultureInfo.InvariantCulture))),
        (1, Gen.Int[-330, 310].Select(e => $"1.5e{e}")),
        (1, Gen.OneOf("0", "-0", "0.0", "-0.0", "1E400", "5e-324", "1.7976931348623157e308", "0.1", "100.0", "1e16", "1e22", "123456789012345678")));

    private static readonly Gen<string> Scalar = Gen.Frequency<string>(
        (3, Text.Select(Quote)), (3, Number), (1, Gen.OneOf("true", "false", "null")));

    public static Gen<string> Value(int depth) => depth == 0 ? Scalar : Gen.Frequency<string>(
        (3, Scalar),
        (1, Value(depth - 1).Array[0, 5].Select(items => "[" + string.Join(",", items) + "]")),
        (1, Gen.Select(Gen.Frequency<string>((3, Text), (1, Gen.OneOf("a", "b"))), Value(depth - 1)).Array[0, 5]
            .Select(members => "{" + string.Join(",", members.Select(m => Quote(m.Item1) + ":" + m.Item2)) + "}")));

    /// <summary>A JSON string literal with every character outside printable ASCII escaped.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            if (c is '"' or '\\') sb.Append('\\').Append(c);
            else if (c is < ' ' or > '~') sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.Append('"').ToString();
    }
}
