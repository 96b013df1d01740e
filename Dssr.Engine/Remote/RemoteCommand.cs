namespace Dssr.Engine.Remote;

/// <summary>
/// A command for a remote shell: an argv list (never a shell string) and optional stdin bytes.
/// The remote shell sees <c>ShellQuoting.Join(Argv)</c>, so every element arrives as one word, unexpanded.
/// </summary>
public sealed record RemoteCommand(IReadOnlyList<string> Argv, byte[]? Stdin = null, TimeSpan? Timeout = null)
{
    public static RemoteCommand Of(params string[] argv) => new(argv);

    /// <summary>A script read by <paramref name="interpreter"/> from stdin: its text never meets the command line.</summary>
    public static RemoteCommand Script(string script, string interpreter = "/bin/sh") =>
        new(new[] { interpreter, "-s" }, System.Text.Encoding.UTF8.GetBytes(script));

    public RemoteCommand WithTimeout(TimeSpan timeout) => this with { Timeout = timeout };

    public RemoteCommand WithStdin(string text) => this with { Stdin = System.Text.Encoding.UTF8.GetBytes(text) };

    /// <summary>The command as the remote shell receives it, shortened for messages and logs.</summary>
    public string Display
    {
        get
        {
            var text = ShellQuoting.Join(Argv);
            return text.Length <= 200 ? text : text[..200] + "…";
        }
    }
}
