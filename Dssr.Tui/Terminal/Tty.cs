using System.Runtime.InteropServices;

namespace Dssr.Tui.Terminal;

/// <summary>
/// The console's terminal at the system level: whether the standard streams are one, whether it went
/// away, and the last-resort restore when the process must end before the library puts it back.
/// </summary>
internal static partial class Tty
{
    private const short PollIn = 0x01, PollHangUp = 0x10, PollError = 0x08, PollInvalid = 0x20;
    private const int TcsaNow = 0, OpenWriteOnly = 1;

    // Terminal modes the console turns on: mouse tracking (1000/1002/1003 and the 1006/1015 encodings),
    // bracketed paste, kitty keyboard flags, the alternate screen, a hidden cursor.
    private const string Reset = "\u001b[?1003l\u001b[?1002l\u001b[?1000l\u001b[?1015l\u001b[?1006l\u001b[?2004l\u001b[<u\u001b[0m\u001b[?1049l\u001b[?25h";

    public static bool IsTerminal(int fd) => OperatingSystem.IsWindows() || isatty(fd) == 1;

    /// <summary>Whether the terminal behind <paramref name="fd"/> went away (its other end closed).</summary>
    public static bool IsHungUp(int fd)
    {
        if (OperatingSystem.IsWindows()) return false;
        var p = new PollFd { Fd = fd };
        return poll(ref p, 1, 0) > 0 && (p.Revents & (PollHangUp | PollError | PollInvalid)) != 0;
    }

    /// <summary>Waits until <paramref name="fd"/> has something to read (or has hung up), at most <paramref name="milliseconds"/>.</summary>
    public static void WaitReadable(int fd, int milliseconds)
    {
        if (OperatingSystem.IsWindows()) return;
        var p = new PollFd { Fd = fd, Events = PollIn };
        poll(ref p, 1, milliseconds); // a signal ends it early: the caller asks again
    }

    /// <summary>The terminal's modes (termios) now, to put back if the process must end abruptly; null when not a terminal.</summary>
    public static byte[]? SaveModes(int fd)
    {
        if (OperatingSystem.IsWindows() || isatty(fd) != 1) return null;
        var modes = new byte[256]; // larger than any libc's struct termios
        return tcgetattr(fd, modes) == 0 ? modes : null;
    }

    /// <summary>
    /// Takes the standard streams off a terminal that went away: input becomes a pipe that never has
    /// data, output /dev/null. A hung-up tty always polls readable, and the library's input loop spins
    /// on it without ever seeing its stop request; after this the loop ends and the console stops as for q.
    /// </summary>
    public static void Detach()
    {
        if (OperatingSystem.IsWindows()) return;
        var ends = new int[2];
        if (pipe(ends) == 0)
        {
            dup2(ends[0], 0);
            close(ends[0]); // the write end stays open for the process's life: the pipe never reads as ended
        }
        var devNull = open("/dev/null", OpenWriteOnly);
        if (devNull < 0) return;
        dup2(devNull, 1);
        dup2(devNull, 2);
        close(devNull);
    }

    /// <summary>
    /// Last resort when the process must end now: the modes the console turned on are turned off and
    /// the saved termios put back (where the terminal still exists), then the process ends at once.
    /// </summary>
    public static void RestoreAndExit(byte[]? modes, int exitCode)
    {
        if (!OperatingSystem.IsWindows())
        {
            // A terminal that does not read could block the write: it gets a moment, not more.
            var restore = new Thread(() =>
            {
                if (isatty(1) == 1 && !IsHungUp(1))
                {
                    var bytes = System.Text.Encoding.ASCII.GetBytes(Reset);
                    write(1, bytes, (nuint)bytes.Length);
                }
                if (modes is not null && isatty(0) == 1) tcsetattr(0, TcsaNow, modes);
            }) { IsBackground = true, Name = "terminal restore" };
            restore.Start();
            restore.Join(TimeSpan.FromMilliseconds(500));
            _exit(exitCode);
        }
        Environment.Exit(exitCode);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [DllImport("libc", SetLastError = false)]
    private static extern int isatty(int fd);

    [DllImport("libc", SetLastError = false)]
    private static extern int poll(ref PollFd fds, nuint count, int timeout);

    [DllImport("libc", SetLastError = false)]
    private static extern int tcgetattr(int fd, byte[] termios);

    [DllImport("libc", SetLastError = false)]
    private static extern int tcsetattr(int fd, int optionalActions, byte[] termios);

    [DllImport("libc", SetLastError = false)]
    private static extern int pipe(int[] fds);

    [DllImport("libc", SetLastError = false)]
    private static extern int dup2(int oldFd, int newFd);

    [DllImport("libc", SetLastError = false)]
    private static extern int close(int fd);

    [DllImport("libc", SetLastError = false)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = false)]
    private static extern nint write(int fd, byte[] buffer, nuint count);

    [DllImport("libc", SetLastError = false)]
    private static extern void _exit(int status);
}
