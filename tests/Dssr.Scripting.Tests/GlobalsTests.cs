using Dssr.Scripting.Repl;

namespace Dssr.Scripting.Tests;

/// <summary>Each global answers from the live service: the same clusters, queue, journal and routes the upstream sees.</summary>
[Collection(LiveServiceCollection.Name)]
public class GlobalsTests(LiveService live)
{
    private const string Name = "20240101120000-ABCDE-app-me_s1";

    private async Task<string> Eval(string code)
    {
        var result = await live.Session.EvaluateAsync(code);
        Assert.True(result.Outcome == ReplOutcome.Value, $"{result.Outcome}: {result.Text}");
        return result.Text;
    }

    [Fact]
    public async Task Clusters_and_Cluster_name_the_configured_clusters()
    {
        Assert.Equal("default", await Eval("Clusters.Default.Name"));
        Assert.Equal("True", await Eval("ReferenceEquals(Cluster(\"default\"), Clusters.All[0]).ToString()"));
        Assert.Equal("dummy", await Eval("Cluster().ConnectorName"));
        var unknown = await live.Session.EvaluateAsync("Cluster(\"nope\")");
        Assert.Equal(ReplOutcome.Exception, unknown.Outcome);
        Assert.Contains("no cluster 'nope'; the clusters are default", unknown.Text);
    }

    [Fact]
    public async Task Api_submits_as_the_upstream_does_and_the_job_shows_in_the_routes_the_queue_and_the_journal()
    {
        var submit = await Eval($"(await Api.Submit(\"{Name}\", 701, \"#!/bin/bash\\necho hi\\n\")).Body");
        Assert.Equal("[\"dummy_701\",\"#!/bin/bash\\necho hi\\n\"]\n", submit);
        Assert.Contains("[\"" + Name + "\",\"dummy_701\"]", await Eval("(await Api.Queued()).Body"));
        Assert.Equal("200", await Eval("(await Api.Running()).Status"));
        Assert.Contains("dummy_701", await Eval("(await Squeue()).Jobs.Select(j => j.JobId)"));
        Assert.Equal("Queued", await Eval("(await Squeue()).Find(\"dummy_701\")!.Phase"));
        Assert.Equal(Name, await Eval("Jobs.Find(\"dummy_701\")!.Name"));
        Assert.Equal("701", await Eval($"Jobs.Named(\"{Name}\").Single(j => j.JobId == \"dummy_701\").Number"));
        Assert.Contains("dummy_701", await Eval("Jobs.Recent(5).Select(j => j.JobId)"));
        Assert.Equal("true\n", await Eval($"(await Api.Terminate(\"{Name}\", 701, \"dummy_701\")).Body"));
    }

    [Fact]
    public async Task Api_answers_bad_input_with_the_400_the_server_gives()
    {
        const string bad = "{\\\"name\\\":\\\"x\\\",\\\"number\\\":\\\"1\\\",\\\"jobid\\\":\\\"d\\\"}";
        var overHttp = await Dssr.Testing.Answer.Of(live.Service.PostArgs("/exitstatus", "{\"name\":\"x\",\"number\":\"1\",\"jobid\":\"d\"}"));
        Assert.Equal(400, overHttp.Status);
        Assert.Equal($"400 {overHttp.Text}", await Eval($"var a = await Api.Post(\"exitstatus\", \"{bad}\"); $\"{{a.Status}} {{a.Body}}\""));
        Assert.Equal("404", await Eval("(await Api.Get(\"nope\")).Status"));
        Assert.Equal("{\"status\":\"OK\"}\n", await Eval("(await Api.Gc()).Body"));
        Assert.Equal("[null,null,null,null]\n", await Eval("(await Api.RunStatus(\"x\", 1, \"nobody\")).Body"));
    }

    [Fact]
    public async Task Api_answers_the_same_bytes_in_process_as_over_http()
    {
        await Eval($"await Api.Submit(\"{Name}\", 702, \"#!/bin/bash\\n\");");
        foreach (var route in new[] { "running", "queued", "gc", "nodes", "live", "ready" })
        {
            var overHttp = await live.Service.Http.GetStringAsync("/" + route);
            Assert.Equal(overHttp, await Eval($"(await Api.Get(\"{route}\")).Body"));
        }
        Assert.Equal("True", await Eval($"(await LegacyApiClient.Over(\"{live.Service.Host.Address}\").Running()).Body == (await Api.Running()).Body ? \"True\" : \"False\""));
    }

    [Fact]
    public async Task Jobs_counts_the_journal_by_state()
    {
        await Eval($"await Api.Submit(\"{Name}\", 703, \"#!/bin/bash\\n\"); await Squeue();");
        var table = await Eval("Jobs.ByState()");
        Assert.Matches(@"State\s+Jobs", table);
        Assert.Equal("True", await Eval("(Jobs.ByState().Sum(s => s.Jobs) == Jobs.All().Count).ToString()"));
        Assert.Equal("True", await Eval("Jobs.InState(JobQueries.StateOf(Jobs.Find(\"dummy_703\")!)).Any(j => j.JobId == \"dummy_703\").ToString()"));
    }

    [Fact]
    public async Task Connector_is_the_clusters_own_connector_for_ad_hoc_calls()
    {
        Assert.Equal("True", await Eval("ReferenceEquals(Connector(), Cluster().Connector).ToString()"));
        Assert.Equal("true", await Eval("await Connector().IsReachableAsync(Ct)"));
    }

    [Fact]
    public async Task Squeue_shares_the_cached_snapshot_with_the_api()
    {
        var before = live.Service.Host.Clusters.Default.Queue.Queries;
        await Eval("await Squeue();");
        Assert.True(live.Service.Host.Clusters.Default.Queue.Queries > before);
        Assert.Matches(@"TakenAt", await Eval("await Squeue()"));
    }
}
