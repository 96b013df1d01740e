using Dssr.Engine.Executors;

namespace Dssr.Connectors.Slurm.Rendering;

/// <summary>An upstream script once decoded: its text, its typed fields, its pseudo-devices, images and registry credentials. Holds credentials: never print it.</summary>
public sealed record DecodedJob(
    UpstreamScript Upstream,
    UpstreamJob Job,
    PseudoDevices Devices,
    ImageReferences Images,
    RegistryCredentials InitCredentials,
    RegistryCredentials AppCredentials)
{
    public override string ToString() => $"DecodedJob {{ {Upstream.Field} }}";
}
