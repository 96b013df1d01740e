using Dssr.Engine.Remote;
using Dssr.Engine.Executors;

using Dssr.Connectors.Slurm.Rendering;

namespace Dssr.Connectors.Slurm.Tests.Rendering;

/// <summary>Rendered batch scripts actually run with bash, with fake srun and scontrol first on PATH.</summary>
public class WrapperExecutionTests
{
    /// <summary>A value holding every kind of shell syntax; each command in it would leave a canary file.</summary>
    private static string Hostile(string canaries, string extra = "") =>
        $"a'b \"c\" $(touch {canaries}/dollar) `touch {canaries}/backtick` ; touch {canaries}/semicolon \\ '\\''{extra} end";

    /// <summary>Doubles braces, as an upstream script (a str.format template) must.</summary>
    private static string Escaped(string text) => text.Replace("{", "{{").Replace("}", "}}");

    private static string Upstream(string cmdLine, string repo, params string[] body) =>
        string.Join('\n', new[]
        {
            "#!/bin/bash",
            "JOBOBJ_INTERACTIVE=False",
            "JOBOBJ_APPDEFVERSION=2",
            "JARVICE_CPU_CORES=2",
            cmdLine,
            // The image line is data for Dssr; the script keeps it in a no-op here-document, and the body's
            // own copy of the wrapper's here-document delimiter must not end the wrapper's document.
            ": <<'JOBOBJ_META'",
            "JOBOBJ_REPO=" + repo,
            "DSSR_JOB_BODY_END",
            "JOBOBJ_META",
            "{DOWNSTREAM_PARAMETERS}",
        }.Concat(body)) + "\n";

    [Fact]
    public void Hostile_command_proxy_and_image_reach_the_job_unchanged_and_execute_nothing()
    {
        using var slurm = new FakeSlurm();
        var hostile = Hostile(slurm.Canaries, " ${HOME} {x} $((1+1))");
        var settings = RenderFixture.Settings(e =>
        {
            e["JARVICE_BAREMETAL_HTTP_PROXY"] = hostile;
            e["JARVICE_BAREMETAL_HTTPS_PROXY"] = "http://u:p'w@proxy:3128/" + hostile;
            e["JARVICE_BAREMETAL_NO_PROXY"] = hostile + ",localhost";
            e["JARVICE_SINGULARITY_TMPDIR"] = hostile;
        });
        var repo = "reg.io/apps/" + Hostile(slurm.Canaries) + ":latest";
        var script = Upstream(
            "JARVICE_CMD=" + Escaped(ShellQuoting.Quote(hostile)),   // the upstream's own correctly quoted shell text
            repo,
            "printf '%s' \"$JARVICE_CMD\" > \"$DSSR_TEST_OUT/cmd\"",
            "printf '%s' \"$JARVICE_APP_IMAGE\" > \"$DSSR_TEST_OUT/image\"",
            "printf '%s' \"$SCHTTP_PROXY\" > \"$DSSR_TEST_OUT/http\"",
            "printf '%s' \"$SCHTTPS_PROXY\" > \"$DSSR_TEST_OUT/https\"",
            "printf '%s' \"$SCNO_PROXY\" > \"$DSSR_TEST_OUT/no\"",
            "printf '%s' \"$JARVICE_SINGULARITY_TMPDIR\" > \"$DSSR_TEST_OUT/tmpdir\"",
            "echo \"it's node $PROCESS_NODENAME\"",
            "echo JARVICE_CMD_SUCCESS");
        var job = JobRenderer.Render(RenderFixture.Request(script), settings);

        var run = slurm.RunBatch(job.Script);

        Assert.Empty(Directory.GetFiles(slurm.Canaries));
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        Assert.Contains("it's node fake1\n", run.Stdout);
        Assert.Equal(hostile, slurm.Seen("cmd"));
        Assert.Equal("docker://" + repo, slurm.Seen("image"));
        Assert.Equal(hostile, slurm.Seen("http"));
        Assert.Equal("http://u:p'w@proxy:3128/" + hostile, slurm.Seen("https"));
        Assert.Equal(hostile + ",localhost", slurm.Seen("no"));
        Assert.Equal(hostile, slurm.Seen("tmpdir"));
    }

    [Fact]
    public void Task_sees_the_slurm_bindings_with_the_node_list_joined_and_not_the_body_variable()
    {
        using var slurm = new FakeSlurm();
        var script = Upstream("JARVICE_CMD=true", "reg.io/a/b:1",
            "printf '%s|%s|%s|%s|%s' \"$PROCESS_PROCID\" \"$PROCESS_NODENAME\" \"$JOB_JOBID\" \"$JOB_NNODES\" \"$JOB_JOB_FORMATED_NODELIST\" > \"$DSSR_TEST_OUT/bindings\"",
            "printf '%s' \"${{DSSR_JOB_BODY-unset}}\" > \"$DSSR_TEST_OUT/body\"",
            "echo JARVICE_CMD_SUCCESS");
        var run = slurm.RunBatch(RenderFixture.Render(script).Script);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("0|fake1|77|2|fake1 fake2", slurm.Seen("bindings"));   // the original left the list newline-separated
        Assert.Equal("unset", slurm.Seen("body"));
    }

    [Theory]
    [InlineData("echo JARVICE_CMD_SUCCESS", 0)]
    [InlineData("echo 'done: JARVICE_CMD_SUCCESS'", 0)]
    [InlineData("echo JARVICE_CMD_FAILURE", 1)]
    [InlineData("echo '+ /bin/echo JARVICE_CMD_SUCCESS'; echo JARVICE_CMD_FAILURE", 1)]
    [InlineData("echo 'GoTTY is starting with command: run; echo JARVICE_CMD_SUCCESS'", 1)]
    [InlineData("echo 'GoTTY is starting with command: run'; echo JARVICE_CMD_SUCCESS", 0)]
    [InlineData("true", 1)]
    public void Exit_code_is_0_only_when_a_line_reports_JARVICE_CMD_SUCCESS(string body, int exitCode)
    {
        using var slurm = new FakeSlurm();
        var run = slurm.RunBatch(RenderFixture.Render(Upstream("JARVICE_CMD=true", "reg.io/a/b:1", body)).Script);
        Assert.Equal(exitCode, run.ExitCode);
        Assert.EndsWith(exitCode == 0 ? "JARVICE Job completed OK\n" : "JARVICE Job failed, investigate logs\n", run.Stdout);
    }

    [Fact]
    public void The_output_file_keeps_every_line_in_order_as_slurm_writes_it()
    {
        using var slurm = new FakeSlurm();
        var script = Path.Combine(slurm.Root, "job.sh");
        var output = Path.Combine(slurm.Root, "job.out");
        File.WriteAllText(script, RenderFixture.Render(Upstream("JARVICE_CMD=true", "reg.io/a/b:1", "echo task-line", "echo JARVICE_CMD_SUCCESS")).Script);
        // Slurm opens the -o file and hands it to the batch script as stdout and stderr.
        var run = ShellRun.Run("bash", ["-c", "bash \"$0\" > \"$1\" 2>&1", script, output], null, slurm.Environment(), slurm.Root);
        Assert.Equal(0, run.ExitCode);
        var lines = File.ReadAllLines(output);
        Assert.StartsWith("Hello from ", lines[0]);
        Assert.Equal("Entering parallel region", lines[1]);
        Assert.Contains("task-line", lines);
        Assert.Equal("JARVICE Job completed OK", lines[^1]);
        Assert.True(Array.IndexOf(lines, "task-line") < lines.Length - 1);
    }

    [Fact]
    public async Task Output_is_streamed_while_the_job_runs()
    {
        using var slurm = new FakeSlurm();
        var go = Path.Combine(slurm.Out, "go");
        var script = Upstream("JARVICE_CMD=true", "reg.io/a/b:1",
            "echo first-line",
            "n=0; while [ ! -e \"$DSSR_TEST_OUT/go\" ] && [ $n -lt 600 ]; do sleep 0.05; n=$((n+1)); done",
            "echo JARVICE_CMD_SUCCESS");
        var path = Path.Combine(slurm.Root, "job.sh");
        File.WriteAllText(path, RenderFixture.Render(script).Script);

        using var p = slurm.StartBatch(path);
        p.StandardInput.Close();
        var lines = new List<string>();
        var read = Task.Run(() =>
        {
            while (p.StandardOutput.ReadLine() is { } line && !line.Contains("first-line")) lines.Add(line);
        });
        var finished = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.True(finished == read, "first-line never arrived: " + string.Join(" / ", lines));
        Assert.False(p.HasExited, "the job had already finished, so nothing shows the output was streamed");
        File.WriteAllText(go, "");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await p.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, p.ExitCode);
    }

    [Fact]
    public void Here_document_delimiter_avoids_lines_of_the_body()
    {
        Assert.Equal("DSSR_JOB_BODY_END", SlurmWrapper.Delimiter("a\nDSSR_JOB_BODY_END \n"));
        Assert.Equal("DSSR_JOB_BODY_END_2", SlurmWrapper.Delimiter("DSSR_JOB_BODY_END\nDSSR_JOB_BODY_END_1\n"));
    }
}
