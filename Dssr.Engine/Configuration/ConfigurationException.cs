namespace Dssr.Engine.Configuration;

/// <summary>The configuration cannot work; start-up stops with this one-line message.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string message) : base(message) { }
}
