using System.Globalization;

namespace Dssr.Engine.Remote.SshNet;

/// <summary>
/// The shell text of a command for an SSH.NET channel: the argv quoted once by <see cref="ShellQuoting"/>,
/// and with stdin read whole into a temporary file before the command
/// starts: a command that exits before reading its input would otherwise race SSH.NET's writes against the
/// channel's close, and sshd answers that race by dropping the whole connection. A command without stdin reads /dev/null.
/// </summary>
internal static class SshNetCommandText
{
    private const string DrainStdin =
        "t=$(mktemp) || { cat >/dev/null; echo 'cannot make a temporary file for stdin' >&2; exit 125; }; " +
        "cat >\"$t\" && exec <\"$t\" && rm -f -- \"$t\" && exec ";

    /// <param name="backstop">
    /// Run the command under coreutils <c>timeout</c> too: a backstop for a connection that dies mid-command, when no
    /// signal can reach the server. Off by default for SSH.NET (a timeout or cancel signals the command; the extra
    /// process costs more than the command itself on a busy login node).
    /// </param>
    public static string Of(RemoteCommand command, TimeSpan timeout, bool backstop)
    {
        IReadOnlyList<string> argv = command.Argv;
        if (backstop)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            argv = ["timeout", "-k", "5", seconds, .. argv];
        }
        var text = ShellQuoting.Join(argv);
        // Without stdin the command reads /dev/null: SSH.NET sends no EOF on a channel whose input it never opened.
        // exec: the login shell becomes the command, so an exit by signal reaches the client as that signal.
        return command.Stdin is null ? "exec " + text + " </dev/null" : DrainStdin + text + "; rm -f -- \"$t\"; cat >/dev/null; exit 125";
    }
}
