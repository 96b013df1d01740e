namespace Dssr.Engine.Remote;

/// <summary>
/// A command for a remote shell: an argv list (never a shell string) and optional stdin bytes.
/// The remote shell sees <c>ShellQuoting.Join(Argv)</c>, so every element arrives as one word, unexpanded.
/// </summary>
public sealed record RemoteCommand(IReadOnlyList<string> Argv, byte[]? Stdin = null, TimeSpan? Timeout = null)
{
    /// <summary>A POSIX shell that makes the folder <c>$1</c>, then replaces itself with the rest of its arguments.</summary>
    private const string MakeFolderThenRun = "mkdir -p -- \"$1\" && shift && exec \"$@\"";

    public static RemoteCommand Of(params string[] argv) => new(argv);

    /// <summary>A script read by <paramref name="interpreter"/> from stdin: its text never meets the command line.</summary>
    public static RemoteCommand Script(string script, string interpreter = "/bin/sh") =>
        new(new[] { interpreter, "-s" }, System.Text.Encoding.UTF8.GetBytes(script));

    /// <summary>
    /// The argv the command exists to run, as logs and the console show it: <see cref="Argv"/>, unless the
    /// command was wrapped to do something first in the same round trip (<see cref="AfterMakingFolder"/>).
    /// </summary>
    public IReadOnlyList<string> Purpose { get; init; } = Argv;

    /// <summary>What the wrapper does before <see cref="Purpose"/> runs, for the command log; null when nothing.</summary>
    public IReadOnlyList<string>? Prelude { get; init; }

    /// <summary>
    /// The same command, run once <paramref name="folder"/> exists: <c>mkdir -p</c> and the command in one remote
    /// command (one round trip), the folder and every word still one argv element each. Stdin goes to the command.
    /// </summary>
    public RemoteCommand AfterMakingFolder(string folder) =>
        this with
        {
            Argv = ["sh", "-c", MakeFolderThenRun, "sh", folder, .. Argv],
            Purpose = Purpose,
            Prelude = ["mkdir", "-p", "--", folder],
        };

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
