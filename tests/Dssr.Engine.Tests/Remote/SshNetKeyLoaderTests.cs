using System.Diagnostics;
using Dssr.Engine.Configuration;
using Dssr.Engine.Remote;
using Dssr.Engine.Remote.SshNet;
using Dssr.Testing;

namespace Dssr.Engine.Tests.Remote;

/// <summary>Private keys for SSH.NET from the setting's text: the formats ssh-keygen writes, with and without a passphrase.</summary>
public sealed class SshNetKeyLoaderTests
{
    private static PrivateKeyMaterial NewKey(TempDirectory dir, string type, string format, string passphrase = "")
    {
        var path = Path.Combine(dir.Path, $"{type}-{format}-{passphrase.Length}");
        var args = new List<string> { "-q", "-t", type, "-N", passphrase, "-f", path };
        if (type == "rsa") args.AddRange(["-b", "2048"]);
        if (format != "OpenSSH") args.AddRange(["-m", format]);
        using (var p = Process.Start("ssh-keygen", args)!) p.WaitForExit();
        return PrivateKeyMaterial.Parse(File.ReadAllText(path), "JARVICE_SLURM_SSH_PKEY");
    }

    [Theory]
    [InlineData("ed25519", "OpenSSH")]
    [InlineData("rsa", "OpenSSH")]
    [InlineData("rsa", "PEM")]
    [InlineData("rsa", "PKCS8")]
    [InlineData("ecdsa", "OpenSSH")]
    [InlineData("ecdsa", "PEM")]
    public void Unencrypted_keys_of_every_format_load_and_offer_no_sha1_signature(string type, string format)
    {
        using var dir = new TempDirectory();
        var key = SshNetKeyLoader.Load(NewKey(dir, type, format), null);
        Assert.NotEmpty(key.HostKeyAlgorithms);
        Assert.DoesNotContain(key.HostKeyAlgorithms, a => a.Name == "ssh-rsa");
        Assert.StartsWith(type == "ecdsa" ? "ecdsa-sha2-nistp256 " : $"ssh-{type} ", SshNetKeyLoader.PublicKeyLine(key));
    }

    [Theory]
    [InlineData("ed25519", "OpenSSH")]
    [InlineData("rsa", "PEM")]
    [InlineData("rsa", "PKCS8")]
    public void Encrypted_keys_load_with_their_passphrase(string type, string format)
    {
        using var dir = new TempDirectory();
        Assert.NotEmpty(SshNetKeyLoader.Load(NewKey(dir, type, format, "s3cret pass"), "s3cret pass").HostKeyAlgorithms);
    }

    [Theory]
    [InlineData("ed25519", "OpenSSH")]
    [InlineData("rsa", "PEM")]
    public void A_wrong_passphrase_is_a_clear_error_naming_the_setting_and_never_the_key(string type, string format)
    {
        using var dir = new TempDirectory();
        var key = NewKey(dir, type, format, "right one");
        var e = Assert.Throws<ConfigurationException>(() => SshNetKeyLoader.Load(key, "wrong one"));
        Assert.StartsWith("JARVICE_SLURM_SSH_PKEY:", e.Message);
        Assert.DoesNotContain("right one", e.Message);
        Assert.DoesNotContain("wrong one", e.Message);
        Assert.DoesNotContain(key.Text.Split('\n')[1], e.Message);
    }

    [Fact]
    public void An_encrypted_key_without_a_passphrase_asks_for_the_passphrase_setting()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<ConfigurationException>(() => SshNetKeyLoader.Load(NewKey(dir, "ed25519", "OpenSSH", "pass phrase"), null));
        Assert.Contains("JARVICE_SLURM_SSH_PKEY", e.Message);
        Assert.Contains("JARVICE_SLURM_SSH_PKEY_PASSPHRASE", e.Message);
    }

    [Fact]
    public void Text_that_is_not_a_key_is_refused_by_the_transport_at_construction()
    {
        var fake = PrivateKeyMaterial.Parse("-----BEGIN OPENSSH PRIVATE KEY-----\nbm90IGEga2V5\n-----END OPENSSH PRIVATE KEY-----\n", "JARVICE_SLURM_SSH_PKEY");
        var e = Assert.Throws<ConfigurationException>(() =>
            new SshNetTransport(new SshSettings { Host = "h", User = "u", PrivateKey = fake }));
        Assert.Contains("JARVICE_SLURM_SSH_PKEY", e.Message);
        Assert.DoesNotContain("bm90IGEga2V5", e.Message);
    }
}
