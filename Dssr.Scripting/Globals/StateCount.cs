namespace Dssr.Scripting.Globals;

/// <summary>One row of <c>Jobs.ByState()</c>.</summary>
public sealed record StateCount(string State, int Jobs);
