namespace Dssr.Engine.Executors;

/// <summary>Quotes one value as one POSIX shell word, so nothing in it is interpreted.</summary>
public static class ShellQuote
{
    /// <summary>
    /// Words made only of characters no shell treats specially are left bare (the scripts stay readable);
    /// everything else is single-quoted, with each <c>'</c> written as <c>'\''</c>.
    /// </summary>
    public static string Quote(string value)
    {
        if (value.Length > 0 && value.All(IsPlain)) return value;
        return "'" + value.Replace("'", "'\\''") + "'";
    }

    /// <summary>Quotes every word and joins them with spaces, for showing an argv list as a command line.</summary>
    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));

    private static bool IsPlain(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
            or '_' or '-' or '.' or '/' or ':' or ',' or '+' or '=' or '@' or '%';
}
