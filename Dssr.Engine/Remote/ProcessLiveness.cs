using System.Diagnostics;

namespace Dssr.Engine.Remote;

/// <summary>Whether a PID is a live process (not a zombie), read from /proc without signalling it.</summary>
internal static class ProcessLiveness
{
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The state letter follows the command name, which is in parentheses and may hold anything.
            var close = stat.LastIndexOf(')');
            var state = close >= 0 && close + 2 < stat.Length ? stat[close + 2] : '?';
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    public static void Kill(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            p.Kill();
        }
        catch (ArgumentException) { }
        catch (InvalidOperationException) { }
        catch (System.ComponentModel.Win32Exception) { }
    }
}
