using Dssr.Engine.Remote;

namespace Dssr.Engine.Tests.Remote;

public sealed class OpenSshTransportArgumentTests
{
    [Theory]
    [InlineData("-oProxyCommand=sh", "jarvice")]
    [InlineData("login.example", "-l root")]
    [InlineData("login example", "jarvice")]
    public void A_host_or_user_ssh_would_read_as_an_option_is_refused(string host, string user) =>
        Assert.Throws<ArgumentException>(() => new OpenSshTransport(new SshSettings { Host = host, User = user }));
}
