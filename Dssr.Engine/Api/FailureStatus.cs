using Dssr.Engine.Connectors;

namespace Dssr.Engine.Api;

/// <summary>The one mapping from an expected failure to the legacy API's answer: the caller's fault, or the cluster's.</summary>
internal static class FailureStatus
{
    public const int BadInput = 400;
    public const int ClusterFailed = 500;

    /// <summary>400 for bad input, 500 for a cluster failure; null for anything unexpected (a defect, answered 500 and logged whole).</summary>
    public static int? Of(Exception e) => e switch
    {
        InvalidInputException => BadInput,
        ConnectorException => ClusterFailed,
        _ => null,
    };
}
