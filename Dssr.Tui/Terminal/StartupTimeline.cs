using System.Diagnostics;

namespace Dssr.Tui.Terminal;

/// <summary>
/// Where the console's start goes, stage by stage, from the process's start (the runtime's own start included): logged
/// with the first full frame, so a slow start says which part was slow.
/// </summary>
internal sealed class StartupTimeline
{
    private readonly DateTime _processStart = Process.GetCurrentProcess().StartTime;
    private readonly List<string> _stages = [];
    private TimeSpan _last;

    /// <summary>Time since the process started.</summary>
    public TimeSpan Elapsed => DateTime.Now - _processStart;

    /// <summary>The stage named has just ended; it began when the one before it ended.</summary>
    public void Mark(string stage)
    {
        var now = Elapsed;
        lock (_stages)
        {
            _stages.Add($"{stage} {(now - _last).TotalMilliseconds:0}");
            _last = now;
        }
    }

    /// <summary>A stage that ran on another thread, beside the others; <paramref name="took"/> is its own duration.</summary>
    public void Beside(string stage, TimeSpan took)
    {
        lock (_stages) _stages.Add($"{stage} {took.TotalMilliseconds:0} (beside)");
    }

    /// <summary>Each stage's own duration, in the order they ended: "runtime 65, configuration 22, …".</summary>
    public override string ToString()
    {
        lock (_stages)
        {
            // What ReadyToRun left to the JIT: methods it could not precompile (generics across assemblies, stubs).
            return string.Join(", ", _stages) + $" ms; {System.Runtime.JitInfo.GetCompiledMethodCount()} methods compiled by the JIT in "
                + $"{System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:0} ms";
        }
    }
}
