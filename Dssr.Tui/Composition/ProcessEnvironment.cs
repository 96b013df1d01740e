using System.Collections;

namespace Dssr.Tui.Composition;

/// <summary>The process environment as a plain dictionary, so configuration readers are testable with any.</summary>
internal static class ProcessEnvironment
{
    public static IReadOnlyDictionary<string, string> Read()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
            if (e.Key is string k && e.Value is string v) env[k] = v;
        return env;
    }
}
