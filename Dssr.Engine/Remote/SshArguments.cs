using System.Globalization;

namespace Dssr.Engine.Remote;

/// <summary>The ssh client options every invocation shares: who, where, which key, how host keys are checked.</summary>
internal static class SshArguments
{
    public static List<string> Common(SshSettings s, string? keyFile, string? knownHostsFile, string controlPath)
    {
        var args = new List<string>();
        // Only what is configured here counts, unless the operator asked for an ssh_config.
        if (s.ConfigFile is not null) args.AddRange(new[] { "-F", s.ConfigFile });
        else if (!s.UserConfig) args.AddRange(new[] { "-F", "/dev/null" });
        args.AddRange(new[]
        {
            "-p", s.Port.ToString(CultureInfo.InvariantCulture),
            "-l", s.User,
            "-o", "BatchMode=yes",
            "-o", $"ConnectTimeout={Math.Max(1, (int)Math.Ceiling(s.ConnectTimeout.TotalSeconds))}",
            "-o", "ServerAliveInterval=15",
            "-o", "ServerAliveCountMax=3",
            "-o", $"ControlPath={controlPath}",
            "-T",
        });
        if (keyFile is not null)
            args.AddRange(new[] { "-i", keyFile, "-o", "IdentitiesOnly=yes" });
        switch (s.HostKeys.Mode)
        {
            case HostKeyMode.AcceptNew:
                args.AddRange(new[] { "-o", "StrictHostKeyChecking=accept-new" });
                break;
            default:
                args.AddRange(new[] { "-o", "StrictHostKeyChecking=yes" });
                break;
        }
        if (knownHostsFile is not null)
            args.AddRange(new[] { "-o", $"UserKnownHostsFile={knownHostsFile}", "-o", "GlobalKnownHostsFile=/dev/null" });
        return args;
    }

    /// <summary>Refuses a host or user that ssh would read as an option or that holds blanks.</summary>
    public static void Validate(SshSettings s)
    {
        foreach (var (name, value) in new[] { ("host", s.Host), ("user", s.User) })
        {
            if (value.Length == 0 || value.StartsWith('-') || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
                throw new ArgumentException($"invalid SSH {name}: {value}");
        }
        if (s.Port is < 1 or > 65535) throw new ArgumentException($"invalid SSH port: {s.Port}");
    }
}
