using System.Reflection;

namespace Dssr.Scripting.Running;

/// <summary>A script compiled to an assembly (fresh or from the cache), ready to run with a globals object.</summary>
public sealed class CompiledScript
{
    private readonly Func<object?[], Task<object?>> _entry;

    public CompiledScript(string path, Assembly assembly, Func<object?[], Task<object?>> entry, bool fromCache, TimeSpan compileTime)
    {
        Path = path;
        Assembly = assembly;
        _entry = entry;
        FromCache = fromCache;
        CompileTime = compileTime;
    }

    public string Path { get; }
    public Assembly Assembly { get; }
    public bool FromCache { get; }
    /// <summary>Time to compile, or to find and load the cached assembly.</summary>
    public TimeSpan CompileTime { get; }

    /// <summary>Runs the script's top-level code; the value of its <c>return</c>, if any.</summary>
    public Task<object?> RunAsync(object? globals) =>
        // Roslyn's calling convention: slot 0 holds the globals, slot 1 receives the submission itself.
        _entry([globals, null]);
}
