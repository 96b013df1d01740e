using System.Text;
using Dssr.Engine.Connectors;

namespace Dssr.Engine.Executors;

/// <summary>
/// The decoded <c>hpc_script[executor]</c> text the upstream sent, and the original's <c>find_key</c>
/// reading of its <c>KEY=value</c> lines.
/// </summary>
public sealed record UpstreamScript(string Executor, string Text)
{
    /// <summary>The request field errors about this script are reported under, e.g. <c>hpc_script.singularity</c>.</summary>
    public string Field => $"hpc_script.{Executor}";

    public static UpstreamScript Decode(string executor, IReadOnlyDictionary<string, string> hpcScript)
    {
        var field = $"hpc_script.{executor}";
        if (!hpcScript.TryGetValue(executor, out var encoded))
            throw new InvalidInputException(field, $"missing; this cluster runs the '{executor}' executor");
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            throw new InvalidInputException(field, "not valid base64");
        }
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidInputException(field, "not valid UTF-8 once decoded");
        }
        if (text.Contains('\0'))
            throw new InvalidInputException(field, "contains a NUL character, which no shell script can hold");
        return new UpstreamScript(executor, text);
    }

    /// <summary>
    /// The value of the first line whose text before the first <c>=</c> is exactly <paramref name="key"/>
    /// (no <c>export </c>, no leading blanks), verbatim after that <c>=</c>. As in the original, <c>KEY=</c>
    /// and <c>KEY==x</c> (nothing between the first and second <c>=</c>) give null, and so does a missing key.
    /// </summary>
    public string? Find(string key)
    {
        foreach (var line in Lines())
        {
            var eq = line.IndexOf('=');
            if (eq < 0 || eq != key.Length || !line.StartsWith(key, StringComparison.Ordinal)) continue;
            var value = line[(eq + 1)..];
            return value.Length == 0 || value[0] == '=' ? null : value;
        }
        return null;
    }

    /// <summary>The lines split on <c>\n</c> only, so a <c>\r</c> stays part of a value as in the original.</summary>
    public IEnumerable<string> Lines() => Text.Split('\n');
}
