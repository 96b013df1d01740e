using System.Text;

namespace Dssr.Testing;

/// <summary>
/// Strings built to break shell quoting: both kinds of quotes, command substitution, backticks,
/// operators, redirections, newlines, globs, leading dashes, non-ASCII. The ones that would run a
/// command try to create <c>canary</c> (a relative path: the remote shell's working directory).
/// </summary>
public static class HostileStrings
{
    private static readonly string[] Pieces =
    {
        "'", "\"", "''", "\"\"", "'\\''", "\\", "\\'", "\\\"", "$", "$HOME", "${HOME}", "$((1+1))", "$'\\n'",
        "`", ";", "|", "||", "&", "&&", "<", ">", ">>", "<<EOF", "(", ")", "{", "}", "[", "]", "!", "#", "~", "=",
        "*", "?", "[a-z]*", "/*", "..", "\n", "\r\n", "\t", " ", "  ", "-", "--", "-n", "-e", "--help", "%s", "%",
        "é", "ü", "中文", "Ж", "🙂", "\u00a0", "\u2028", "a", "b", "z", "0", "9", "x=y", "IFS=", "\\n",
    };

    public static string[] Payloads(string canary) => new[]
    {
        $"$(touch {canary})", $"`touch {canary}`", $"; touch {canary}", $"| touch {canary}", $"&& touch {canary}",
        $"' ; touch {canary} ; '", $"\" ; touch {canary} ; \"", $"'$(touch {canary})'", $"\"$(touch {canary})\"",
        $"> {canary}", $">{canary}", $"\n touch {canary}\n", $"'\n touch {canary} #", $"${{IFS}}touch${{IFS}}{canary}",
        $"\\'; touch {canary}; echo \\'", $"$'\\x27'; touch {canary}",
    };

    /// <summary><paramref name="count"/> strings from a fixed seed, so a failure can be replayed.</summary>
    public static List<string> Generate(int count, string canary, int seed = 20261121)
    {
        var random = new Random(seed);
        var payloads = Payloads(canary);
        var all = new List<string>(count) { "", " ", "-", "--", "-n", "'", "\"", "\n" };
        all.AddRange(payloads);
        while (all.Count < count)
        {
            var sb = new StringBuilder();
            var parts = random.Next(1, 9);
            for (var i = 0; i < parts; i++)
            {
                sb.Append(random.Next(10) == 0
                    ? payloads[random.Next(payloads.Length)]
                    : Pieces[random.Next(Pieces.Length)]);
            }
            all.Add(sb.ToString());
        }
        return all;
    }
}
