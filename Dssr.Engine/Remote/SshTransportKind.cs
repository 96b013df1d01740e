namespace Dssr.Engine.Remote;

/// <summary>The SSH client a cluster account's transport uses.</summary>
public enum SshTransportKind
{
    /// <summary>SSH.NET, in process: no <c>ssh</c> binary, no control socket.</summary>
    SshNet,

    /// <summary>The system OpenSSH client over a ControlMaster: for ssh_config, agents, Kerberos, FIDO keys.</summary>
    OpenSsh,
}
