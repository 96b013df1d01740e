using CsCheck;
using Dssr.Connectors.Slurm.Hooks;
using Dssr.Engine.Connectors;

namespace Dssr.Connectors.Slurm.Tests.Hooks;

public sealed class ResTests
{
    [Theory]
    [InlineData("1d2h30m", "1-02:30:00")]
    [InlineData("90m", "01:30:00")]
    [InlineData("45s", "00:00:45")]
    [InlineData("2d", "2-00:00:00")]
    [InlineData("36h", "1-12:00:00")]
    [InlineData("1h59m60s", "02:00:00")]
    public void Duration_turns_units_into_sbatch_time(string text, string expected) => Assert.Equal(expected, Res.Duration(text));

    [Theory]
    [InlineData("1w")]
    [InlineData("10")]
    [InlineData("5x")]
    [InlineData("30m1h")]
    [InlineData("1h1h")]
    [InlineData("")]
    [InlineData("0s")]
    [InlineData("-1h")]
    [InlineData("1.5h")]
    [InlineData("400d")]
    public void Duration_refuses_unknown_units_out_of_order_and_empty_values(string text)
    {
        var e = Assert.Throws<InvalidInputException>(() => Res.Duration(text));
        Assert.Equal("duration", e.Field);
    }

    [Fact]
    public void Duration_of_any_seconds_reads_back_as_the_same_seconds() =>
        Gen.Long[1, Res.MaxDurationDays * 86400].Sample(seconds =>
        {
            var time = Res.Duration($"{seconds}s");
            var dash = time.IndexOf('-');
            var days = dash < 0 ? 0 : long.Parse(time[..dash]);
            var clock = TimeSpan.Parse(time[(dash + 1)..]);
            return days * 86400 + (long)clock.TotalSeconds == seconds && clock < TimeSpan.FromDays(1);
        });

    [Theory]
    [InlineData("2625M", 2625)]
    [InlineData("2.5G", 2560)]
    [InlineData("1G512M", 1536)]
    [InlineData("1G", 1024)]
    [InlineData("0.3G", 308)]
    public void MemoryMb_reads_G_and_M(string text, long expected) => Assert.Equal(expected, Res.MemoryMb(text));

    [Theory]
    [InlineData("2625")]
    [InlineData("2T")]
    [InlineData("512M1G")]
    [InlineData("1g")]
    [InlineData("0M")]
    [InlineData("")]
    public void MemoryMb_refuses_other_units_and_orders(string text) =>
        Assert.Equal("memory", Assert.Throws<InvalidInputException>(() => Res.MemoryMb(text)).Field);

    [Fact]
    public void MemoryMb_of_gigabytes_and_megabytes_is_their_sum() =>
        Gen.Select(Gen.Int[0, 4096], Gen.Int[0, 100_000]).Where((g, m) => g + m > 0).Sample((g, m) =>
            Res.MemoryMb((g > 0 ? $"{g}G" : "") + (m > 0 ? $"{m}M" : "")) == g * 1024L + m);

    [Fact]
    public void Layout_grouped_puts_every_process_on_one_node() =>
        Assert.Equal(["--nodes=1", "--ntasks=5", "--cpus-per-task=2"], Res.Layout(5, 2, "grouped").Options);

    [Fact]
    public void Layout_scattered_puts_one_process_per_node() =>
        Assert.Equal(["--nodes=5", "--ntasks=5", "--cpus-per-task=2", "--ntasks-per-node=1"], Res.Layout(5, 2, "scattered").Options);

    [Fact]
    public void Layout_distributed_keeps_every_process_when_they_do_not_divide_evenly()
    {
        // MASI-TFE computed tasks per node as processes / nodes: 5 over 4 nodes ran 4 processes. Every one is asked for here.
        var layout = Res.Layout(5, 2, "distributed", 4);
        Assert.Equal(5, layout.Tasks);
        Assert.Equal(["--nodes=4", "--ntasks=5", "--cpus-per-task=2"], layout.Options);
    }

    [Fact]
    public void Layout_distributed_asks_for_a_node_count_no_larger_than_the_processes()
    {
        Assert.Equal("nodes", Assert.Throws<InvalidInputException>(() => Res.Layout(5, 1, "distributed")).Field);
        Assert.Equal("nodes", Assert.Throws<InvalidInputException>(() => Res.Layout(3, 1, "distributed", 4)).Field);
        Assert.Equal("distribution", Assert.Throws<InvalidInputException>(() => Res.Layout(3, 1, "spread")).Field);
        Assert.Equal("threads", Assert.Throws<InvalidInputException>(() => Res.Layout(3, 0, "grouped")).Field);
    }

    [Fact]
    public void Layout_never_asks_for_fewer_tasks_than_processes_nor_idle_nodes() =>
        Gen.Select(Gen.Int[1, 500], Gen.Int[1, 64], Gen.Int[1, 500]).Where((p, _, n) => n <= p).Sample((p, t, n) =>
        {
            var l = Res.Layout(p, t, "distributed", n);
            return l.Tasks == p && l.Nodes == n && l.CpusPerTask == t;
        });

    [Theory]
    [InlineData(15, "0-14")]
    [InlineData(1, "0")]
    public void Array_counts_from_zero(int n, string expected) => Assert.Equal(expected, Res.Array(n));

    [Fact]
    public void Array_refuses_no_tasks() => Assert.Equal("array", Assert.Throws<InvalidInputException>(() => Res.Array(0)).Field);
}

public sealed class ResTimeTests
{
    [Theory]
    [InlineData("90", 5400)]
    [InlineData("1:30", 90)]
    [InlineData("01:30:00", 5400)]
    [InlineData("1-02", 93600)]
    [InlineData("1-02:30", 95400)]
    [InlineData("1-02:30:00", 95400)]
    public void TimeSeconds_reads_every_sbatch_form(string text, long seconds) => Assert.Equal(seconds, Res.TimeSeconds(text));

    [Fact]
    public void TimeSeconds_reads_back_what_Duration_writes() =>
        CsCheck.Gen.Long[1, Res.MaxDurationDays * 86400].Sample(s => Res.TimeSeconds(Res.Duration($"{s}s")) == s);

    [Theory]
    [InlineData("1d")]
    [InlineData("1:2:3:4")]
    [InlineData("")]
    public void TimeSeconds_refuses_other_text(string text) =>
        Assert.Equal("time", Assert.Throws<Dssr.Engine.Connectors.InvalidInputException>(() => Res.TimeSeconds(text)).Field);
}
