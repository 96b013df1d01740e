namespace Dssr.Engine.Configuration;

/// <summary>The configuration cannot work; start-up stops with this one-line message and exit code 2.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string message, string? variable = null) : base(message) => Variable = variable;

    /// <summary>The setting at fault, when the thrower names it apart from the message.</summary>
    public string? Variable { get; }
}
