namespace Dssr.Engine.Jobs;

/// <summary>One serving process as its heartbeat row says: who, where, which build, since when, last seen.</summary>
public sealed record ReplicaInfo(string Id, string Address, string Version, DateTimeOffset StartedAt, DateTimeOffset SeenAt);
