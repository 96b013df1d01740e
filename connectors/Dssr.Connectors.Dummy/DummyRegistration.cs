using Dssr.Engine.Connectors;

namespace Dssr.Connectors.Dummy;

public static class DummyRegistration
{
    public static readonly string[] Names = ["connectors.dummy.connector", "dummy"];

    public static ConnectorRegistry AddDummy(this ConnectorRegistry registry) =>
        registry.Register(context => new DummyConnector(context), [.. DummySettingsCatalog.All, .. Engine.Interactive.InteractiveSettings.All], Names);
}
