namespace Dssr.Connectors.Slurm.Tests;

public sealed class ParsingTests
{
    [Theory]
    [InlineData("0:05", "00:00:05")]
    [InlineData("12:34", "00:12:34")]
    [InlineData("1:02:03", "01:02:03")]
    [InlineData("1-02:03:04", "26:03:04")]
    [InlineData("5-00:00:00", "120:00:00")]
    [InlineData("00:01:02.345", "00:01:02")]
    [InlineData("INVALID", "00:00:00")]
    [InlineData("", "00:00:00")]
    public void Slurm_durations_become_hh_mm_ss(string slurm, string expected) =>
        Assert.Equal(expected, SlurmElapsed.Normalize(slurm));

    [Fact]
    public void A_compressed_hostlist_is_expanded_not_cut_at_its_commas() =>
        Assert.Equal(["n01", "n02", "n03", "n07", "gpu5"], Hostlist.Expand("n[01-03,07],gpu5"));

    [Fact]
    public void Nested_hostlist_ranges_expand_in_order() =>
        Assert.Equal(["r1n1", "r1n2", "r2n1", "r2n2"], Hostlist.Expand("r[1-2]n[1-2]"));

    [Fact]
    public void Squeue_lines_keep_only_jarvice_jobs_and_read_names_holding_bars()
    {
        var entries = SqueueSnapshot.Parse(
            "101|jarvice_a-1_s1|R|1-00:00:01|n[1-2]|alice\n" +
            "102|someone_else|R|0:01|n3|bob\n" +
            "103|jarvice_odd|name|PD|0:00||carol\n" +
            "104|jarvice_requeued|RQ|0:00||dave\n");
        Assert.Equal(["a-1_s1", "odd|name", "requeued"], entries.Select(e => e.Name));
        Assert.Equal(TimeSpan.FromSeconds(86401), entries[0].Elapsed);
        Assert.Equal(["n1", "n2"], entries[0].Nodes);
        Assert.Equal("alice", entries[0].Owner);
        Assert.Empty(entries[1].Nodes);
        Assert.Equal(Dssr.Engine.Connectors.JobPhase.Queued, entries[2].Phase);
    }

    [Fact]
    public void Sacct_parsable_output_keeps_the_whole_state_and_the_latest_run()
    {
        var end = JobEndQuery.ParseSacct("7|NODE_FAIL|00:00:03\n7|CANCELLED by 1001|1-00:00:02\n", "7", "sacct");
        Assert.NotNull(end);
        Assert.Equal("CANCELLED", end.LongState);
        Assert.Equal(-15, end.ExitCode);
        Assert.Equal("24:00:02", SlurmElapsed.Format(end.Elapsed));
    }

    [Fact]
    public void Scontrol_one_line_output_gives_state_and_run_time()
    {
        var end = JobEndQuery.ParseScontrol("JobId=9 JobName=jarvice_x JobState=TIMEOUT Reason=TimeLimit ExitCode=0:15 RunTime=00:10:00 TimeLimit=00:10:00");
        Assert.NotNull(end);
        Assert.Equal(-9, end.ExitCode);
        Assert.Equal(TimeSpan.FromMinutes(10), end.Elapsed);
    }

    [Theory]
    [InlineData("1234\n", "1234")]
    [InlineData("1234;cluster2\n", "1234")]
    public void Sbatch_parsable_output_gives_the_job_id(string stdout, string id) => Assert.Equal(id, SbatchOutput.JobId(stdout));
}
