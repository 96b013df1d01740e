using System.Runtime.InteropServices;

namespace Dssr.Tui.Terminal;

/// <summary>
/// SIGTERM, SIGHUP, SIGINT and SIGQUIT stop the console the way q does, so the terminal is put back
/// (alternate screen, mouse tracking, raw mode) rather than left broken by a killed process; so does
/// the terminal going away, which does not always bring a SIGHUP (the process may not lead the
/// terminal's session, or may have been started with SIGHUP ignored).
/// Once asked to stop, the process ends within <see cref="Deadline"/> whatever hangs: what the library
/// did not put back by then is put back here, and the process exits with 128 + the signal.
/// </summary>
internal sealed class SignalStop : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan HangUpPoll = TimeSpan.FromMilliseconds(250);
    private const int HangUp = 1;
    private readonly Action _stop;
    private readonly byte[]? _modes = Tty.SaveModes(0);
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly Timer? _hangUpWatch;
    private int _stopping;

    public SignalStop(Action stop)
    {
        _stop = stop;
        if (OperatingSystem.IsWindows()) return;
        foreach (var (signal, number) in new[] { (PosixSignal.SIGTERM, 15), (PosixSignal.SIGHUP, HangUp), (PosixSignal.SIGINT, 2), (PosixSignal.SIGQUIT, 3) })
            _registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true; // the deadline below ends the process if stopping hangs
                Stop(128 + number);
            }));
        _hangUpWatch = new Timer(_ =>
        {
            if (Tty.IsHungUp(0)) Stop(128 + HangUp);
        }, null, HangUpPoll, HangUpPoll);
    }

    private void Stop(int exitCode)
    {
        // Before anything else: on a hung-up terminal the library's loops cannot stop (see Tty.Detach).
        if (Tty.IsHungUp(0)) Tty.Detach();
        if (Interlocked.Exchange(ref _stopping, 1) == 1) return;
        _hangUpWatch?.Change(Timeout.Infinite, Timeout.Infinite);
        new Thread(() =>
        {
            Thread.Sleep(Deadline);
            Tty.RestoreAndExit(_modes, exitCode);
        }) { IsBackground = true, Name = "stop deadline" }.Start();
        _stop();
    }

    public void Dispose()
    {
        _hangUpWatch?.Dispose();
        foreach (var r in _registrations) r.Dispose();
    }
}
