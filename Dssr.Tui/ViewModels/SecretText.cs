using Dssr.Engine.Interactive;

namespace Dssr.Tui.ViewModels;

/// <summary>
/// Takes an interactive job's password and token (and the token's prefixes, which URL templates use) out of text
/// before it reaches the screen: a URL built from a template such as the desktop's carries the password.
/// </summary>
internal static class SecretText
{
    public const string Mask = "‹hidden›";

    public static string Hide(string text, JobSecrets secrets)
    {
        // Longest first: a shorter prefix of the token is part of every longer one.
        foreach (var secret in new[] { secrets.Token, secrets.Random(64), secrets.Random(32), secrets.Random(16), secrets.Password })
            if (secret.Length > 0) text = text.Replace(secret, Mask, StringComparison.Ordinal);
        return text;
    }

    public static JobDetail Hide(JobDetail detail, JobSecrets secrets) => detail with
    {
        Record = detail.Record.Select(f => (f.Field, Hide(f.Value, secrets))).ToList(),
        Script = Hide(detail.Script, secrets),
        SbatchArguments = detail.SbatchArguments.Select(a => Hide(a, secrets)).ToList(),
        RemoteCommands = detail.RemoteCommands.Select(c => Hide(c, secrets)).ToList(),
        Output = detail.Output is null ? null : Hide(detail.Output, secrets),
    };
}
