using Dssr.Connectors.Slurm.Hooks;

namespace Dssr.Connectors.Slurm.Tests.Hooks;

public sealed class SbatchOptionListTests
{
    private static readonly string[] Rendered = ["--parsable", "-J", "jarvice_x", "-o", ".jarvice/x.out", "-N", "1", "-n", "4", "--exclusive", "-p", "batch"];

    [Fact]
    public void Set_replaces_the_short_form_Dssr_wrote()
    {
        var argv = Rendered.ToList();
        SbatchOptionList.Set(argv, "partition", "gpu");
        Assert.Equal("gpu", SbatchOptionList.Get(argv, "partition"));
        Assert.DoesNotContain("-p", argv);
        Assert.Null(SbatchOptionList.CheckChange(Rendered, argv));
    }

    [Fact]
    public void Adding_account_and_qos_is_allowed()
    {
        var argv = Rendered.ToList();
        SbatchOptionList.Set(argv, "account", "physics");
        SbatchOptionList.Set(argv, "qos", "long");
        Assert.Null(SbatchOptionList.CheckChange(Rendered, argv));
        Assert.Equal(["--account=physics", "--qos=long"], argv.TakeLast(2));
    }

    [Theory]
    [InlineData("--array=0-3")]
    [InlineData("--uid=0")]
    [InlineData("--wrap=id")]
    [InlineData("--export=NONE")]
    [InlineData("stray")]
    public void Options_outside_the_allowlist_are_refused(string option)
    {
        var argv = Rendered.Append(option).ToList();
        Assert.NotNull(SbatchOptionList.CheckChange(Rendered, argv));
    }

    [Fact]
    public void Options_Dssr_relies_on_cannot_be_changed_or_removed()
    {
        var renamed = Rendered.ToList();
        SbatchOptionList.Set(renamed, "job-name", "other");
        Assert.Contains("job-name", SbatchOptionList.CheckChange(Rendered, renamed));
        var removed = Rendered.ToList();
        SbatchOptionList.Remove(removed, "parsable");
        Assert.Contains("parsable", SbatchOptionList.CheckChange(Rendered, removed));
    }

    [Fact]
    public void A_value_with_a_newline_is_refused()
    {
        var argv = Rendered.ToList();
        SbatchOptionList.Set(argv, "comment", "a\nb");
        Assert.Contains("control", SbatchOptionList.CheckChange(Rendered, argv));
    }
}
