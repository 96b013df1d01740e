using Dssr.Connectors.Dummy;
using Dssr.Engine.Configuration;
using Dssr.Engine.Connectors;
using Dssr.Scripting.Connectors;
using Dssr.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dssr.Scripting.Tests;

/// <summary>A connector written as a .csx file, named by JARVICE_BAREMETAL_CONNECTOR, serves through the registry.</summary>
public class ScriptConnectorTests : IDisposable
{
    private const string Name = "20240101120000-ABCDE-app-me_s1";
    private readonly TempDirectory _state = new();

    public void Dispose() => _state.Dispose();

    public static string ExampleConnector => Path.Combine(RepoFiles.Root, "scripts", "connectors", "memory-connector.csx");

    private static ConnectorRegistry Registry() => new ConnectorRegistry().AddDummy().AddScriptConnectors();

    [Fact]
    public async Task The_example_script_connector_serves_a_job_over_the_legacy_api()
    {
        var env = new Dictionary<string, string> { ["JARVICE_BAREMETAL_CONNECTOR"] = ExampleConnector, ["DSSR_QUEUE_MAX_AGE_MS"] = "0" };
        await using var service = await TestService.StartAsync(Registry(), _state.Path, env);
        Assert.Equal("MemoryConnector", service.Host.Clusters.Default.Connector.GetType().Name);

        var script = Convert.ToBase64String("#!/bin/bash\necho hi\n"u8.ToArray());
        var submit = await Answer.Of(service.PostArgs("/submit",
            $$"""{"name":"{{Name}}","number":5,"nodes":1,"hpc_script":{"singularity":"{{script}}"},"bearer":""}"""));
        Assert.Equal("[\"mem_5\",\"#!/bin/bash\\necho hi\\n\"]\n", submit.Text);
        Assert.Equal($"[[\"{Name}\",\"mem_5\"]]\n", await service.Http.GetStringAsync("/queued"));
        Assert.Equal($"[[\"{Name}\",\"mem_5\"]]\n", await service.Http.GetStringAsync("/running"));
        Assert.Equal("{\"status\":\"OK\"}\n", await service.Http.GetStringAsync("/gc"));
    }

    [Fact]
    public void A_missing_file_is_a_configuration_error_naming_the_variable()
    {
        var error = Assert.Throws<ConfigurationException>(() => Registry().Create(Path.Combine(_state.Path, "nope.csx"), Context()));
        Assert.StartsWith("JARVICE_BAREMETAL_CONNECTOR: no such connector script:", error.Message);
    }

    [Fact]
    public void A_script_that_does_not_compile_is_a_configuration_error_with_the_position()
    {
        var path = Path.Combine(_state.Path, "broken.csx");
        File.WriteAllText(path, "public sealed class Broken : IConnector { }");
        var error = Assert.Throws<ConfigurationException>(() => Registry().Create(path, Context()));
        Assert.Contains("broken.csx does not compile", error.Message);
        Assert.Contains("broken.csx(1,30): error CS0535", error.Message);
    }

    [Fact]
    public void A_script_without_a_connector_class_says_what_it_must_declare()
    {
        var path = Path.Combine(_state.Path, "empty.csx");
        File.WriteAllText(path, "var x = 1;");
        var error = Assert.Throws<ConfigurationException>(() => Registry().Create(path, Context()));
        Assert.Contains("must declare exactly one class implementing IConnector; it declares 0", error.Message);
    }

    [Fact]
    public void Names_without_the_csx_ending_still_go_to_the_registered_factories()
    {
        Assert.IsType<DummyConnector>(Registry().Create("dummy", Context()));
        Assert.Throws<ConfigurationException>(() => Registry().Create("connectors.nope.connector", Context()));
    }

    private ConnectorContext Context() =>
        new("default", new Dictionary<string, string>(), _state.Path, TimeProvider.System, NullLoggerFactory.Instance);
}
