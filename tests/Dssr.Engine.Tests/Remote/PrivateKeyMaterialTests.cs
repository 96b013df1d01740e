using System.Diagnostics;
using System.Text;
using Dssr.Engine.Configuration;
using Dssr.Engine.Remote;
using Dssr.Testing;

namespace Dssr.Engine.Tests.Remote;

public sealed class PrivateKeyMaterialTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _keyFile;
    private readonly string _pem;

    public PrivateKeyMaterialTests()
    {
        _keyFile = Path.Combine(_dir.Path, "id");
        using (var p = Process.Start("ssh-keygen", new[] { "-q", "-t", "ed25519", "-N", "", "-f", _keyFile })!) p.WaitForExit();
        _pem = File.ReadAllText(_keyFile);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Pem_text_base64_pem_and_a_key_file_all_give_the_same_key()
    {
        var written = new[]
        {
            PrivateKeyMaterial.Parse(_pem),
            PrivateKeyMaterial.Parse(Convert.ToBase64String(Encoding.UTF8.GetBytes(_pem))),
            PrivateKeyMaterial.Parse(_keyFile),
        }.Select((k, i) => File.ReadAllText(k.WriteTo(Path.Combine(_dir.Path, $"out{i}")))).ToList();
        Assert.All(written, text => Assert.Equal(_pem, text));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void The_key_file_is_written_readable_by_its_owner_only()
    {
        var path = PrivateKeyMaterial.Parse(_pem).WriteTo(Path.Combine(_dir.Path, "secret"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Descriptions_and_errors_never_contain_the_key()
    {
        var body = _pem.Split('\n')[1];
        Assert.DoesNotContain(body, PrivateKeyMaterial.Parse(_pem).Describe());
        Assert.DoesNotContain(body, PrivateKeyMaterial.Parse(_pem).ToString());
        var garbage = "not-a-key-" + body;
        var e = Assert.Throws<ConfigurationException>(() => PrivateKeyMaterial.Parse(garbage));
        Assert.DoesNotContain(body, e.Message);
    }
}
