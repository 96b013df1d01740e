using System.Diagnostics;

namespace Dssr.Connectors.Slurm.Hooks;

/// <summary>The line of a hook file an exception was thrown at (hooks are compiled with line information), or null.</summary>
internal static class HookLines
{
    public static int? Of(Exception e, string path)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            var frame = new StackTrace(x, fNeedFileInfo: true).GetFrames()
                .FirstOrDefault(f => f.GetFileName() is { } file && string.Equals(Path.GetFullPath(file), path, StringComparison.Ordinal) && f.GetFileLineNumber() > 0);
            if (frame is not null) return frame.GetFileLineNumber();
        }
        return null;
    }

    public static string Where(HookDeclaration hook, Exception? e)
    {
        var line = e is null ? null : Of(e, hook.Path);
        return line is null ? hook.Path : $"{hook.Path}:{line}";
    }
}
