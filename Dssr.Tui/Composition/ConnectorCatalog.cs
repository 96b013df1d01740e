using Dssr.Connectors.Dummy;
using Dssr.Connectors.Slurm;
using Dssr.Engine.Connectors;
using Dssr.Scripting.Connectors;

namespace Dssr.Tui.Composition;

/// <summary>The composition root's list of connectors: the one place that names them.</summary>
internal static class ConnectorCatalog
{
    public static ConnectorRegistry Registry() => new ConnectorRegistry().AddDummy().AddSlurm(new Dssr.Scripting.Hooks.ScriptHookCompiler()).AddScriptConnectors();
}
