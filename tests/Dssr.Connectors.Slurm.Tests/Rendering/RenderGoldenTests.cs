using System.Text;
using Dssr.Engine.Connectors;
using Dssr.Engine.Executors;

using Dssr.Connectors.Slurm.Rendering;

namespace Dssr.Connectors.Slurm.Tests.Rendering;

/// <summary>
/// The shipped sample upstream scripts, rendered with fixed settings and compared with reviewed golden
/// files byte for byte. DSSR_UPDATE_GOLDEN=1 rewrites the goldens instead (review the diff before committing).
/// </summary>
public class RenderGoldenTests
{
    /// <summary>Sample file and node count of each case.</summary>
    public static TheoryData<string, int> Cases => new()
    {
        { "batch", 1 }, { "gpu", 1 }, { "multinode", 4 }, { "interactive", 1 }, { "devices", 2 },
        { "missing-key", 1 }, { "stray-brace", 1 },
    };

    public static TheoryData<string, int> RenderingCases
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (var row in Cases)
                if ((string)row[0] is not ("missing-key" or "stray-brace")) data.Add((string)row[0], (int)row[1]);
            return data;
        }
    }

    internal static RenderedJob Render(string sample, int nodes) =>
        JobRenderer.Render(RenderFixture.Request(RenderFixture.Sample(sample + ".sh"), nodes), RenderFixture.Settings());

    private static string Describe(string sample, int nodes)
    {
        var text = new StringBuilder();
        try
        {
            var job = Render(sample, nodes);
            text.Append("# sbatch argv, one argument per line\n");
            foreach (var a in job.SbatchArguments) text.Append(a).Append('\n');
            text.Append("# notes\n");
            foreach (var n in job.Notes) text.Append(n).Append('\n');
            text.Append("# script sent on stdin\n").Append(job.Script);
        }
        catch (InvalidInputException e)
        {
            text.Append("# error (400)\n").Append(e.Message).Append('\n');
        }
        return text.ToString();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sample_renders_as_its_golden_file(string sample, int nodes)
    {
        var actual = Describe(sample, nodes);
        var path = Path.Combine(RenderFixture.RepositoryRoot(), "tests", "Dssr.Connectors.Slurm.Tests", "golden", "render", sample + ".txt");
        if (Environment.GetEnvironmentVariable("DSSR_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"no golden file {path}; run the tests with DSSR_UPDATE_GOLDEN=1 and review it");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    [Theory]
    [MemberData(nameof(RenderingCases))]
    public void Script_task_script_and_fscript_parse_with_bash(string sample, int nodes)
    {
        var job = Render(sample, nodes);
        foreach (var (what, text) in new[] { ("script", job.Script), ("task script", job.TaskScript), ("fscript", job.Fscript) })
        {
            var r = ShellRun.Run("bash", ["-n"], text);
            Assert.True(r.ExitCode == 0, $"bash -n rejects the {what}: {r.Stderr}");
        }
    }

    [Theory]
    [MemberData(nameof(RenderingCases))]
    public void Script_and_task_script_pass_shellcheck(string sample, int nodes)
    {
        var job = Render(sample, nodes);
        var wrapper = ShellRun.Run("shellcheck", ["-s", "bash", "-"], job.Script);
        Assert.True(wrapper.ExitCode == 0, "shellcheck on the script:\n" + wrapper.Stdout);
        // Exclusions cover the upstream's own KEY=value lines, which Dssr reads as data:
        // SC2034, they are not used by the script that holds them; SC2016, JARVICE_CMD is single-quoted on
        // purpose since it runs later; SC2140, the JOBOBJ_DEVICES JSON list looks like oddly quoted words.
        var task = ShellRun.Run("shellcheck", ["-s", "bash", "-e", "SC2034,SC2016,SC2140", "-"], job.TaskScript);
        Assert.True(task.ExitCode == 0, "shellcheck on the task script:\n" + task.Stdout);
    }

    [Fact]
    public void Shellcheck_catches_a_broken_script()
    {
        // Guards the two tests above: shellcheck is really run and really fails on a bad script.
        var r = ShellRun.Run("shellcheck", ["-s", "bash", "-"], "#!/bin/bash\necho $1 `ls`\n");
        Assert.NotEqual(0, r.ExitCode);
    }
}
