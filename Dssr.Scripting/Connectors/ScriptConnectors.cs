using Dssr.Engine.Configuration;
using Dssr.Engine.Connectors;
using Dssr.Scripting.Running;

namespace Dssr.Scripting.Connectors;

/// <summary>
/// Connectors written as scripts: <c>JARVICE_BAREMETAL_CONNECTOR=path/to/x.csx</c> names a file that
/// declares one class implementing <see cref="IConnector"/>, with a constructor taking a
/// <see cref="ConnectorContext"/> (or none). It is compiled (and cached, as <c>dssr script</c> does)
/// and registered through the registry's fallback, so the engine never learns of Roslyn.
/// The file's top-level statements, if any, are not run.
/// </summary>
public static class ScriptConnectors
{
    private const string Variable = "JARVICE_BAREMETAL_CONNECTOR";

    public static bool IsScriptPath(string name) => name.EndsWith(".csx", StringComparison.OrdinalIgnoreCase);

    public static ConnectorRegistry AddScriptConnectors(this ConnectorRegistry registry) =>
        registry.RegisterFallback(IsScriptPath, Create);

    public static IConnector Create(string path, ConnectorContext context)
    {
        CompiledScript compiled;
        try
        {
            compiled = new ScriptCompiler(ScriptCompiler.CacheDirectory(context.Settings, context.StateDirectory)).Compile(path, globalsType: null);
        }
        catch (FileNotFoundException)
        {
            throw new ConfigurationException($"{Variable}: no such connector script: {Path.GetFullPath(path)}");
        }
        catch (ScriptCompileException e)
        {
            throw new ConfigurationException($"{Variable}: {e.Message}");
        }

        var types = compiled.Assembly.GetTypes()
            .Where(t => typeof(IConnector).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .ToList();
        if (types.Count != 1)
            throw new ConfigurationException(
                $"{Variable}: {Path.GetFileName(path)} must declare exactly one class implementing IConnector; it declares {types.Count}" +
                (types.Count > 1 ? $" ({string.Join(", ", types.Select(t => t.Name))})" : ""));

        var type = types[0];
        if (type.GetConstructor([typeof(ConnectorContext)]) is { } withContext)
            return (IConnector)withContext.Invoke([context]);
        if (type.GetConstructor(Type.EmptyTypes) is { } plain)
            return (IConnector)plain.Invoke([]);
        throw new ConfigurationException(
            $"{Variable}: {type.Name} in {Path.GetFileName(path)} needs a public constructor taking a ConnectorContext, or none");
    }
}
