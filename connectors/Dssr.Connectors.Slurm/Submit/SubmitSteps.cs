using Dssr.Connectors.Slurm.Hooks;
using Dssr.Connectors.Slurm.Rendering;
using Dssr.Engine.Connectors;
using Dssr.Engine.Executors;
using Dssr.Engine.Remote;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dssr.Connectors.Slurm.Submit;

/// <summary>
/// The steps of a Slurm submit. decode, resources, pre-submit and render are pure and shared by the connector and the
/// plan (<c>dssr render --plan</c>); map-user, stage and sbatch are the connector's; journal is the row the cluster
/// writes with the answer.
/// </summary>
internal static class SubmitSteps
{
    public delegate Task<string> Step(SubmitWork work, CancellationToken ct);

    public static SubmitPipeline Pipeline(SingularitySettings settings, PreSubmitHooks hooks, Step mapUser, Step stage, Step sbatch, ILogger log,
        Func<string, IRemoteShell>? shellFor = null) => new(
    [
        new("decode", (w, _) => Task.FromResult(Decode(w, settings))),
        new("map-user", (w, ct) => mapUser(w, ct)),
        new("resources", (w, _) => Task.FromResult(Resources(w, settings))),
        new("pre-submit", (w, ct) => PreSubmitAsync(w, hooks, shellFor, ct)),
        new("render", (w, _) => Task.FromResult(Render(w, settings))),
        new("stage", (w, ct) => stage(w, ct), w => SlurmConnector.StageLine($"{settings.ScratchDir}.jarvice")),
        new("sbatch", (w, ct) => sbatch(w, ct), w => w.Rendered?.SbatchCommandLine ?? "sbatch"),
        new("journal", (w, _) => Task.FromResult($"{w.Submission.Cluster} {w.Submission.Name}:{w.Submission.Number} -> {w.Submission.JobId} (the row is written with the answer)"),
            w => $"{w.Submission.Cluster} {w.Submission.Name}:{w.Submission.Number} -> the job id"),
    ], log);

    public static async Task<SubmitPlan> PlanAsync(SubmitRequest request, string cluster, SingularitySettings settings, PreSubmitHooks hooks,
        string user, InteractiveRendering? interactive, CancellationToken ct)
    {
        Task<string> MapUser(SubmitWork w, CancellationToken _)
        {
            w.Submission = w.Submission with { User = user };
            return Task.FromResult(user);
        }
        Task<string> NotRun(SubmitWork w, CancellationToken _) => throw new InvalidOperationException("a plan runs nothing on the cluster");
        var pipeline = Pipeline(settings, hooks, MapUser, NotRun, NotRun, NullLogger.Instance);
        var work = new SubmitWork(request, new Submission(request.Name, request.Number, cluster)) { Interactive = interactive };
        var steps = await pipeline.PlanAsync(work, ct).ConfigureAwait(false);
        return new SubmitPlan(steps, hooks.AllDeclared, work.Rendered is { } r ? ["sbatch", .. r.SbatchArguments] : [], work.Submission.Script, work.Notes);
    }

    private static string Decode(SubmitWork w, SingularitySettings settings)
    {
        var decoded = JobRenderer.Decode(w.Request, settings);
        w.Decoded = decoded;
        w.Submission = w.Submission with { Fields = JobRenderer.Fields(decoded) };
        return $"{decoded.Upstream.Field}: {(decoded.Job.Interactive ? "interactive" : "batch")}, {w.Submission.Fields.Count} fields";
    }

    private static string Resources(SubmitWork w, SingularitySettings settings)
    {
        var sbatch = JobRenderer.Resources(w.Request, w.DecodedOrThrow, settings);
        w.Notes = sbatch.Notes;
        w.Submission = w.Submission with { SbatchOptions = sbatch.Arguments };
        return ShellQuoting.Join(sbatch.Arguments);
    }

    private static async Task<string> PreSubmitAsync(SubmitWork w, PreSubmitHooks hooks, Func<string, IRemoteShell>? shellFor, CancellationToken ct)
    {
        var (changed, result) = await hooks.RunAsync(w.Submission, ct, shellFor).ConfigureAwait(false);
        w.Submission = changed;
        return result;
    }

    private static string Render(SubmitWork w, SingularitySettings settings)
    {
        var rendered = JobRenderer.Wrap(w.Request, w.DecodedOrThrow, settings, w.Interactive, w.Submission.SbatchOptions, w.Notes, w.Submission.Environment);
        w.Rendered = rendered;
        w.Submission = w.Submission with { Script = rendered.Fscript };
        return $"{rendered.Script.Count(c => c == '\n')} lines, {System.Text.Encoding.UTF8.GetByteCount(rendered.Script)} bytes";
    }
}
