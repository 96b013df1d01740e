namespace Dssr.Engine.Configuration;

/// <summary>Where a setting's effective value came from; the later ones win.</summary>
public enum SettingSource
{
    Default,
    Yaml,
    Environment,
    CommandLine,
}

internal static class SettingSources
{
    public static string Text(this SettingSource source) => source switch
    {
        SettingSource.Default => "default",
        SettingSource.Yaml => "yaml",
        SettingSource.Environment => "env",
        _ => "command line",
    };
}
