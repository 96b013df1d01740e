namespace Dssr.Engine.Configuration;

/// <summary>
/// One setting Dssr reads: its name (the original's environment variable, also its dssr.yaml key), what it is
/// when unset, and what it means. <see cref="Secret"/> values are masked wherever they are shown.
/// <see cref="Yaml"/> is its shorter key inside a <c>clusters:</c> entry of dssr.yaml (such as <c>ssh.host</c>), if any.
/// </summary>
public sealed record Setting(string Name, string Default, string Meaning, bool Secret = false, string? Yaml = null);
