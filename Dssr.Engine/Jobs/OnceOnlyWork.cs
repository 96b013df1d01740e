namespace Dssr.Engine.Jobs;

/// <summary>
/// A piece of work that must not run on two replicas at once. The replica holding the lease
/// <see cref="Name"/> runs it; the lease lasts <see cref="LeaseTime"/> past each pass, so when its
/// holder dies another replica takes it over within that time plus one pass.
/// </summary>
public sealed record OnceOnlyWork(string Name, TimeSpan LeaseTime, Func<CancellationToken, Task> RunAsync);
