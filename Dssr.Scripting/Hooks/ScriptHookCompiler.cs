using Dssr.Connectors.Slurm.Hooks;
using Dssr.Scripting.Running;

namespace Dssr.Scripting.Hooks;

/// <summary>
/// Compiles site hooks as <c>dssr script</c> compiles scripts (Roslyn, the same imports, a cache on disk keyed by the
/// file's text), with line information so a hook that throws is named with its line.
/// </summary>
public sealed class ScriptHookCompiler : IHookCompiler
{
    public Func<object, Task> Compile(string path, Type globalsType, string? cacheDirectory)
    {
        CompiledScript compiled;
        try
        {
            compiled = new ScriptCompiler(cacheDirectory).Compile(path, globalsType, lineInfo: true);
        }
        catch (ScriptCompileException e)
        {
            throw new HookCompileException(Path.GetFullPath(path), e.Errors);
        }
        catch (FileNotFoundException)
        {
            throw new HookCompileException(Path.GetFullPath(path), [$"{path}: no such file"]);
        }
        return globals => compiled.RunAsync(globals);
    }
}
