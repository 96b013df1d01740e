using System.Text.RegularExpressions;

namespace Dssr.Engine.Configuration;

/// <summary>
/// The one line a bad setting stops the start with: where it is set (the variable, the command-line option, or
/// the dssr.yaml file, line and key), what is wrong and what is expected, and the value given (masked when secret).
/// </summary>
public static partial class ConfigurationErrors
{
    public static string OneLine(ConfigurationException e, DssrConfiguration? config, IEnumerable<Setting> known)
    {
        var message = e.Message.ReplaceLineEndings(" ");
        var leading = LeadingName().Match(message);
        var name = e.Variable ?? (leading.Success ? leading.Groups[1].Value : null);
        if (config is null || name is null || config[name] is not { } value) return message;

        var secret = known.FirstOrDefault(s => s.Name == name)?.Secret ?? false;
        if (secret) message += " (the value given is secret and not shown)";
        else if (!message.Contains(value, StringComparison.Ordinal)) message += $" (given: '{value.ReplaceLineEndings(" ")}')";

        var where = config.Where(name);
        if (where == name) return message;
        return message.StartsWith(name, StringComparison.Ordinal) && where.EndsWith(name, StringComparison.Ordinal)
            ? where + message[name.Length..]
            : $"{where}: {message}";
    }

    [GeneratedRegex(@"^([A-Z][A-Z0-9_]*[A-Z0-9])\b")]
    private static partial Regex LeadingName();
}
