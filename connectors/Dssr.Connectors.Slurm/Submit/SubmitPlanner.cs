using Dssr.Connectors.Slurm.Hooks;
using Dssr.Engine.Connectors;
using Dssr.Engine.Executors;

namespace Dssr.Connectors.Slurm.Submit;

/// <summary>
/// The plan of a submit without a cluster (<c>dssr render --plan</c>): the steps that need no login node run, those that
/// do are described. An interactive job is planned without its port prelude and secrets, which only a cluster gives it.
/// </summary>
public static class SubmitPlanner
{
    public static Task<SubmitPlan> PlanAsync(SubmitRequest request, SingularitySettings settings, PreSubmitHooks hooks, string user, string cluster, CancellationToken ct) =>
        SubmitSteps.PlanAsync(request, cluster, settings, hooks, user, interactive: null, ct);
}
