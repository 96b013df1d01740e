namespace Dssr.Connectors.Slurm.Hooks;

/// <summary>
/// Compiles a <c>.csx</c> hook against a globals type (<see cref="PreSubmitHook"/>) into something to run. The connector
/// knows no compiler; the composition root hands it one (Dssr.Scripting's, cached on disk as <c>dssr script</c> does).
/// </summary>
public interface IHookCompiler
{
    /// <summary>Throws <see cref="HookCompileException"/> with file:line errors when the hook does not compile.</summary>
    Func<object, Task> Compile(string path, Type globalsType, string? cacheDirectory);
}

/// <summary>A hook that does not compile; <see cref="Errors"/> are the compiler's lines, each with file, line and column.</summary>
public sealed class HookCompileException(string path, IReadOnlyList<string> errors)
    : Exception($"{System.IO.Path.GetFileName(path)} does not compile: {string.Join("; ", errors)}")
{
    public string Path { get; } = path;
    public IReadOnlyList<string> Errors { get; } = errors;
}
