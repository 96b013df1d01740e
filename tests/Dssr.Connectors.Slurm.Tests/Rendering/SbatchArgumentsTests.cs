using Dssr.Engine.Connectors;
using Dssr.Engine.Executors;

using Dssr.Connectors.Slurm.Rendering;

namespace Dssr.Connectors.Slurm.Tests.Rendering;

/// <summary>The sbatch argv, including the pseudo-devices, built through the renderer.</summary>
public class SbatchArgumentsTests
{
    private static IReadOnlyList<string> Args(int nodes = 1, params string[] lines) => RenderFixture.Render(RenderFixture.Script(lines), nodes).SbatchArguments;

    private static string Devices(params string[] items) =>
        "JOBOBJ_DEVICES=[" + string.Join(',', items.Select(i => System.Text.Json.JsonSerializer.Serialize(i))) + "]";

    [Fact]
    public void Plain_job_gets_the_fixed_options_in_order()
    {
        Assert.Equal(
            ["--parsable", "-J", $"jarvice_{RenderFixture.Name}", "-o", $"/scratch/.jarvice/{RenderFixture.Name}.out", "-N", "3", "-n", "12", "--exclusive"],
            Args(3));
    }

    [Fact]
    public void Resources_become_mem_gpus_time_and_licenses()
    {
        var args = Args(2, "JOBOBJ_RAM=16", "JOBOBJ_GPUS=2", "JOBOBJ_WALLTIME=01:00:00", "JOBOBJ_LICENSES=matlab:2", "JARVICE_CPU_CORES=8");
        Assert.Equal(["-n", "16", "--mem=16G", "--gpus-per-node=2", "--exclusive", "--time=01:00:00", "-L", "matlab:2"], args.Skip(7));
    }

    [Fact]
    public void Walltime_None_is_no_time_limit() => Assert.DoesNotContain(Args(1, "JOBOBJ_WALLTIME=None"), a => a.StartsWith("--time"));

    [Fact]
    public void Exclusive_False_turns_exclusivity_off_for_batch_jobs() =>
        Assert.DoesNotContain("--exclusive", Args(1, Devices("exclusive=False")));

    [Theory]
    [InlineData("JOBOBJ_GPUS=1")]
    [InlineData("JOBOBJ_INTERACTIVE=True")]
    public void Interactive_and_GPU_jobs_stay_exclusive_with_a_note(string line)
    {
        var job = RenderFixture.Render(RenderFixture.Script(line, Devices("exclusive=False")));
        Assert.Contains("--exclusive", job.SbatchArguments);
        Assert.Equal([SbatchArguments.ExclusiveForcedNote], job.Notes);
    }

    [Fact]
    public void Partition_last_one_wins() =>
        Assert.Equal(["-p", "b"], Args(1, Devices("partition=a", " partition = b ")).Skip(10));

    [Fact]
    public void Sbatch_device_value_stays_one_argument_whatever_it_holds()
    {
        const string value = "proj 1; touch /tmp/x $(id) `id` 'q' \"d\"";
        Assert.Equal($"--account={value}", Args(1, Devices($"sbatch_account={value}")).Last());
    }

    [Fact]
    public void Sbatch_flag_device_has_no_value() => Assert.Equal("--requeue", Args(1, Devices("sbatch_requeue=True")).Last());

    [Theory]
    [InlineData("sbatch_output=/etc/passwd")]
    [InlineData("sbatch_wrap=id")]
    [InlineData("sbatch_uid=0")]
    [InlineData("sbatch_no-such-option=1")]
    [InlineData("gpu=1")]
    [InlineData("partition")]
    [InlineData("a=b=c")]
    [InlineData("partition=")]
    [InlineData("exclusive=no")]
    [InlineData("overlay=-1")]
    [InlineData("sbatch_requeue=5")]
    public void Unknown_or_malformed_device_is_bad_input_naming_it(string device)
    {
        var e = Assert.Throws<InvalidInputException>(() => Args(1, Devices(device)));
        Assert.Equal("hpc_script.singularity.JOBOBJ_DEVICES", e.Field);
        Assert.Contains($"'{device}'", e.Problem);
    }

    [Theory]
    [InlineData("JOBOBJ_DEVICES={not json")]
    [InlineData("JOBOBJ_DEVICES={\"a\":1}")]
    [InlineData("JOBOBJ_DEVICES=[1]")]
    public void Devices_that_are_not_a_list_of_strings_are_bad_input(string line) =>
        Assert.Equal("hpc_script.singularity.JOBOBJ_DEVICES", Assert.Throws<InvalidInputException>(() => Args(1, line)).Field);

    [Fact]
    public void Overlay_device_applies_to_this_job_only()
    {
        var settings = RenderFixture.Settings();
        var first = RenderFixture.Render(RenderFixture.Script(Devices("overlay=0")), settings: settings);
        var second = RenderFixture.Render(RenderFixture.Script(), settings: settings);
        Assert.Contains("export JARVICE_SINGULARITY_OVERLAY_SIZE=0\n", first.Script);
        Assert.Contains("export JARVICE_SINGULARITY_OVERLAY_SIZE=600\n", second.Script);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("x%j")]
    [InlineData("a b")]
    [InlineData(".hidden")]
    [InlineData("a\nb")]
    public void Names_that_are_not_plain_file_names_are_bad_input(string name)
    {
        var e = Assert.Throws<InvalidInputException>(() =>
            JobRenderer.Render(RenderFixture.Request(RenderFixture.Script(), name: name), RenderFixture.Settings()));
        Assert.Equal("name", e.Field);
    }
}
