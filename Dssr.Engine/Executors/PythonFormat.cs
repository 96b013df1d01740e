using System.Text;
using Dssr.Engine.Connectors;

namespace Dssr.Engine.Executors;

/// <summary>
/// Python's <c>str.format(**values)</c> restricted to plain named fields, which is all the original's
/// <c>{DOWNSTREAM_PARAMETERS}</c> expansion relies on. Doubled braces become single; inserted values are
/// not scanned again. Whatever Python would reject (a stray <c>{x}</c>, a lone brace), and the
/// conversions and format specs Dssr does not need, are bad input naming the placeholder.
/// </summary>
public static class PythonFormat
{
    public static string Format(string template, IReadOnlyDictionary<string, string> values, string field)
    {
        var result = new StringBuilder(template.Length + 1024);
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '}')
            {
                if (i + 1 < template.Length && template[i + 1] == '}') { result.Append('}'); i++; continue; }
                throw new InvalidInputException(field, $"single '}}' at {Where(template, i)}; literal braces must be doubled ('}}}}')");
            }
            if (c != '{') { result.Append(c); continue; }
            if (i + 1 < template.Length && template[i + 1] == '{') { result.Append('{'); i++; continue; }

            var close = template.IndexOfAny(['}', '{', '\n'], i + 1);
            if (close < 0 || template[close] != '}')
                throw new InvalidInputException(field, $"single '{{' at {Where(template, i)}; literal braces must be doubled ('{{{{')");
            var name = template[(i + 1)..close];
            if (!values.TryGetValue(name, out var value))
                throw new InvalidInputException(field,
                    $"unknown placeholder {{{name}}} at {Where(template, i)}; only {{{string.Join("}, {", values.Keys)}}} is filled, literal braces must be doubled");
            result.Append(value);
            i = close;
        }
        return result.ToString();
    }

    private static string Where(string text, int index)
    {
        var line = 1;
        for (var i = 0; i < index; i++) if (text[i] == '\n') line++;
        return $"line {line}";
    }
}
