namespace Dssr.Tui.Tests;

/// <summary>A process as this test saw it: its id and start time, so a reused id is never mistaken for it.</summary>
public readonly record struct TestProcess(int Pid, long StartTicks)
{
    /// <summary>The process as it is now, when <paramref name="pid"/> runs.</summary>
    public static TestProcess? Of(int pid) => Stat(pid) is { } s ? new TestProcess(pid, s.StartTicks) : null;

    /// <summary>Still running: not gone, not a zombie, and the same process (same start time).</summary>
    public bool IsRunning => Stat(Pid) is { } s && s.StartTicks == StartTicks && s.State != 'Z' && s.State != 'X';

    /// <summary>Waits for the process to end by itself; false when it still runs at the deadline.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (IsRunning)
        {
            if (DateTime.UtcNow > until) return false;
            Thread.Sleep(50);
        }
        return true;
    }

    /// <summary>SIGKILL, by id, only if it is still this very process.</summary>
    public void Kill()
    {
        if (!IsRunning) return;
        using var kill = System.Diagnostics.Process.Start("kill", ["-KILL", Pid.ToString()])!;
        kill.WaitForExit();
    }

    /// <summary>Every process below <paramref name="root"/> (children, their children, ...).</summary>
    public static IReadOnlyList<TestProcess> Descendants(int root)
    {
        var parents = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || Stat(pid) is not { } s) continue;
            if (!parents.TryGetValue(s.Parent, out var children)) parents[s.Parent] = children = [];
            children.Add(pid);
        }
        var found = new List<TestProcess>();
        var next = new Queue<int>([root]);
        while (next.TryDequeue(out var pid))
            foreach (var child in parents.GetValueOrDefault(pid) ?? [])
            {
                if (Of(child) is { } p) found.Add(p);
                next.Enqueue(child);
            }
        return found;
    }

    private static (char State, int Parent, long StartTicks)? Stat(int pid)
    {
        string text;
        try { text = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        // pid (comm) state ppid ... field 22 is the start time; comm may hold spaces and parentheses.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (fields[0][0], int.Parse(fields[1]), long.Parse(fields[19]));
    }
}
