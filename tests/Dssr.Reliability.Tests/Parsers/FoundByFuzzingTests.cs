using Dssr.Connectors.Slurm;
using Dssr.Engine.Configuration;
using Dssr.Engine.Connectors;
using Dssr.Testing;

namespace Dssr.Reliability.Tests.Parsers;

/// <summary>Inputs the generated tests found that once escaped as unhandled exceptions or crashed the process, pinned.</summary>
public sealed class FoundByFuzzingTests
{
    [Theory]
    [InlineData(5_000, "nested more than 64 levels deep")]
    public void A_deeply_nested_yaml_is_refused_instead_of_overflowing_the_stack(int depth, string expected)
    {
        var e = LoadYaml(new string('[', depth));
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("a: &x [*x]\n")]
    [InlineData("a: &x 1\n*x : 2\n*x : 3\n")]
    public void Yaml_aliases_are_refused_with_their_line(string yaml)
    {
        var e = LoadYaml(yaml);
        Assert.Contains("aliases (*x) are not supported", e.Message);
        Assert.Contains("line ", e.Message);
    }

    [Theory]
    [InlineData("a: !<> 1\n")]
    public void An_empty_verbatim_tag_is_invalid_yaml(string yaml)
    {
        var e = LoadYaml(yaml);
        Assert.Contains("not valid YAML", e.Message);
    }

    [Theory]
    [InlineData("eyJlbWFpbCI6ImFAYi5jIn0.+..$")]
    [InlineData("Bearer e30.e30%.x")]
    public async Task A_bearer_that_is_no_base64url_is_a_400_naming_bearer(string bearer)
    {
        var e = await Assert.ThrowsAsync<InvalidInputException>(() => new BearerIdentity("email", keyFile: null).EmailAsync(bearer));
        Assert.Equal("bearer", e.Field);
    }

    private static ConfigurationException LoadYaml(string text)
    {
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, "dssr.yaml");
        File.WriteAllText(file, text);
        var e = Assert.Throws<ConfigurationException>(() => new YamlSettingsFile(file).Load());
        Assert.StartsWith(file, e.Message);
        return e;
    }

    [Theory]
    [InlineData("99999999999:99999999999")]
    [InlineData("99999999999999-00:00:00")]
    [InlineData("2147483648:00")]
    public void An_elapsed_time_too_large_to_be_a_jobs_is_no_time_rather_than_an_overflow(string text) =>
        Assert.Equal(TimeSpan.Zero, SlurmElapsed.Parse(text));

    [Fact]
    public void Elapsed_times_of_years_still_read() =>
        Assert.Equal(TimeSpan.FromDays(400) + TimeSpan.FromSeconds(61), SlurmElapsed.Parse("400-00:01:01"));
}
