using Dssr.Engine.Connectors;

namespace Dssr.Connectors.Slurm;

public static class SlurmRegistration
{
    public static readonly string[] Names = ["connectors.slurm.connector", "slurm"];

    public static ConnectorRegistry AddSlurm(this ConnectorRegistry registry) =>
        registry.Register(context => new SlurmConnector(context), SlurmSettingsCatalog.All, Names);
}
