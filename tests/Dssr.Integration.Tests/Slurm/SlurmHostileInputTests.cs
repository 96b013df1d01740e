using Dssr.Testing;

namespace Dssr.Integration.Tests.Slurm;

/// <summary>Values from the request never reach the login node's shell: bad ids and names are 400s, and nothing runs.</summary>
public sealed class SlurmHostileInputTests
{
    [Theory]
    [InlineData("/exitstatus")]
    [InlineData("/terminate")]
    [InlineData("/release")]
    [InlineData("/events")]
    public async Task A_job_id_carrying_a_command_is_a_400_naming_jobid_and_runs_nothing(string route)
    {
        using var state = new TempDirectory();
        await using var dssr = await SlurmService.StartAsync(state.Path);
        var marker = $"/tmp/dssr-pwned-{Guid.NewGuid():N}";
        var answer = await dssr.Post(route, SlurmService.JobArgs("x_s1", 1, $"1;touch {marker}"));
        Assert.Equal(400, answer.Status);
        Assert.Contains("jobid", answer.Text);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task A_name_that_climbs_out_of_the_jobs_folder_is_a_400()
    {
        using var state = new TempDirectory();
        await using var dssr = await SlurmService.StartAsync(state.Path);
        var answer = await dssr.Post("/submit", SlurmService.SubmitArgs("../../x_s1", 1, UpstreamScripts.Batch("hostile")));
        Assert.Equal(400, answer.Status);
        Assert.Contains("name", answer.Text);
    }

    [Fact]
    public async Task Pvcls_lists_a_configured_folder_and_refuses_one_outside()
    {
        using var state = new TempDirectory();
        await using var dssr = await SlurmService.StartAsync(state.Path, new() { ["JARVICE_SLURM_PVCLS_ROOTS"] = TestBed.Home });
        var folder = $"{TestBed.Home}/pvcls test {Guid.NewGuid():N}";
        Assert.Equal(0, (await BedShell.RunAsync("mkdir", "-p", folder + "/sub")).ExitCode);
        Assert.Equal(0, (await BedShell.RunAsync("touch", folder + "/it's a file")).ExitCode);
        try
        {
            var listing = await dssr.Request("pvcls", new() { ["path"] = folder });
            Assert.Equal(200, listing.Status);
            var lines = listing.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal([$"/data{folder}/", $"/data{folder}/sub/", $"/data{folder}/it's a file"], lines);
            Assert.Equal(400, (await dssr.Request("pvcls", new() { ["path"] = "/etc" })).Status);
        }
        finally
        {
            await BedShell.RunAsync("rm", "-rf", "--", folder);
        }
    }
}

public sealed class SlurmSubmitValidationTests
{
    [Fact]
    public async Task An_appdef_older_than_2_is_a_400_not_a_200_with_an_error_tuple()
    {
        using var state = new TempDirectory();
        await using var dssr = await SlurmService.StartAsync(state.Path);
        var script = UpstreamScripts.Batch("old").Replace("JOBOBJ_APPDEFVERSION=2", "JOBOBJ_APPDEFVERSION=1", StringComparison.Ordinal);
        var answer = await dssr.Post("/submit", SlurmService.SubmitArgs(UpstreamScripts.NewName(), 1, script));
        Assert.Equal(400, answer.Status);
        Assert.Contains("JOBOBJ_APPDEFVERSION", answer.Text);
    }
}
