namespace Dssr.Engine.Configuration;

/// <summary>What the command line says; anything it sets wins over dssr.yaml and the environment.</summary>
public sealed record CommandLineOverrides(string? Listen = null, string? StateDirectory = null, string? LogLevel = null, string? ConfigFile = null,
    string? JobsListen = null, string? MetricsListen = null, string? Record = null);
