namespace Dssr.Engine.Connectors;

/// <summary>
/// The cluster answered and refused the request with an error of its own (a scheduler's non-zero exit): it made
/// nothing, so a submit refused this way may go to a failover target. Not the caller's fault (that is
/// <see cref="InvalidInputException"/>, 400); a 500 at the API like any <see cref="ConnectorException"/>.
/// </summary>
public sealed class ClusterRefusedException : ConnectorException
{
    public ClusterRefusedException(string message) : base(message) { }
}
