using System.Text;

namespace Dssr.Engine.Remote;

/// <summary>
/// The one place that quotes for a POSIX shell. Every word is wrapped in single quotes, inside which
/// nothing is special; a single quote itself is written as <c>'\''</c> (close, escaped quote, reopen).
/// Words made only of characters no shell treats specially are left bare, for readable logs.
/// </summary>
public static class ShellQuoting
{
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        // A NUL cannot cross a command line: refuse it rather than let the word be silently cut.
        if (word.Contains('\0')) throw new ArgumentException("a shell word cannot contain a NUL character", nameof(word));
        if (word.Length > 0 && IsBare(word)) return word;
        var sb = new StringBuilder(word.Length + 2);
        sb.Append('\'');
        foreach (var c in word)
        {
            if (c == '\'') sb.Append("'\\''");
            else sb.Append(c);
        }
        sb.Append('\'');
        return sb.ToString();
    }

    public static string Join(IEnumerable<string> argv) => string.Join(' ', argv.Select(Quote));

    private static bool IsBare(string word)
    {
        foreach (var c in word)
        {
            var safe = c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
                or '-' or '_' or '.' or '/' or ',' or ':' or '+' or '@' or '%';
            if (!safe) return false;
        }
        // '=' is left out on purpose (assignment words), and so is a leading '~' (tilde expansion).
        return true;
    }
}
