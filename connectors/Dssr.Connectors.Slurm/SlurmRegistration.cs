using Dssr.Engine.Connectors;

namespace Dssr.Connectors.Slurm;

public static class SlurmRegistration
{
    public static readonly string[] Names = ["connectors.slurm.connector", "slurm"];

    /// <param name="hooks">Compiles the clusters' <c>.csx</c> hooks (Dssr.Scripting's); null refuses a cluster that declares hooks.</param>
    public static ConnectorRegistry AddSlurm(this ConnectorRegistry registry, Hooks.IHookCompiler? hooks = null) =>
        registry.Register(context => new SlurmConnector(context, hooks), SlurmSettingsCatalog.All, Names);
}
