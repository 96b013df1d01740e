using System.Diagnostics;
using System.Reflection;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;

namespace Dssr.Tui.Terminal;

/// <summary>
/// The library's input loop asks the terminal for input and then sleeps 20 ms, 50 times a second even when
/// nothing happens: those wake-ups (a timer, then a thread-pool thread) were a third of an idle console's CPU.
/// This input waits in poll() instead, up to a fifth of a second, when there is nothing to read: an idle console
/// wakes about 5 times a second for input, and a key is read the moment it arrives rather than up to 20 ms later.
/// The main loop then handles it at its next iteration; while the operator types it iterates faster (a key waits
/// at most 1/<see cref="TypingRate"/> s instead of 1/<see cref="IdleRate"/>), and back at the library's pace once idle.
/// </summary>
internal sealed class WaitingInput : AnsiInput
{
    private const int WaitMilliseconds = 200;
    public const int IdleRate = 25, TypingRate = 100;
    private static readonly TimeSpan TypingFor = TimeSpan.FromSeconds(3);
    private long _lastInput;

    public override bool Peek()
    {
        if (base.Peek()) return Typing();
        Tty.WaitReadable(0, WaitMilliseconds);
        if (base.Peek()) return Typing();
        if (_lastInput != 0 && Stopwatch.GetElapsedTime(_lastInput) > TypingFor)
        {
            _lastInput = 0;
            Application.MaximumIterationsPerSecond = IdleRate;
        }
        return false;
    }

    private bool Typing()
    {
        _lastInput = Stopwatch.GetTimestamp();
        Application.MaximumIterationsPerSecond = TypingRate;
        return true;
    }

    /// <summary>
    /// Gives <paramref name="app"/> (before its Init) the ANSI driver with this input. The library takes a driver's
    /// parts from a component factory that only its own constructors set (internal in 2.5.0); false when that
    /// changed, and the application keeps the library's input.
    /// </summary>
    public static bool Install(IApplication app)
    {
        var field = app.GetType().GetField("_componentFactory", BindingFlags.Instance | BindingFlags.NonPublic);
        if (field is null || !field.FieldType.IsAssignableFrom(typeof(AnsiComponentFactory)) || !Tty.IsTerminal(0)) return false;
        field.SetValue(app, new AnsiComponentFactory(new WaitingInput()));
        return true;
    }
}
