namespace Dssr.Engine.Configuration;

/// <summary>A dssr.yaml that holds a secret itself must be readable by its owner only: anyone else on the machine could read the secret.</summary>
internal static class SecretFileMode
{
    private const UnixFileMode OthersRead = UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public static void Check(YamlSettingsFile yaml, IReadOnlyList<ClusterEntry> entries, IEnumerable<Setting> known)
    {
        if (OperatingSystem.IsWindows()) return;
        var secrets = known.Where(s => s.Secret).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var flat = yaml.Lines.Where(kv => secrets.Contains(kv.Key)).OrderBy(kv => kv.Value).Select(kv => $"line {kv.Value}: {kv.Key}").FirstOrDefault();
        var held = flat ?? entries.Select(e => e.InlineSecret).FirstOrDefault(s => s is not null);
        if (held is null) return;
        var mode = File.GetUnixFileMode(yaml.Path);
        if ((mode & OthersRead) == 0) return;
        throw new ConfigurationException(
            $"{yaml.Path}: holds a secret ({held}) and is readable by group or others (mode {Convert.ToString((int)mode, 8).PadLeft(4, '0')}); chmod 600 it, or give the secret as a *_file path");
    }
}
