using System.Security.Claims;
using System.Security.Cryptography;
using Dssr.Engine.Connectors;
using Dssr.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dssr.Connectors.Slurm.Tests;

public sealed class BearerIdentityTests
{
    private static string Sign(RSA key, string email, string claim = "email") => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Subject = new ClaimsIdentity([new Claim(claim, email)]),
        Expires = DateTime.UtcNow.AddMinutes(5),
        SigningCredentials = new SigningCredentials(new RsaSecurityKey(key), SecurityAlgorithms.RsaSha256),
    });

    private static string PublicKeyFile(TempDirectory dir, RSA key)
    {
        var path = Path.Combine(dir.Path, "jwt.pem");
        File.WriteAllText(path, key.ExportSubjectPublicKeyInfoPem());
        return path;
    }

    [Fact]
    public async Task With_a_key_a_token_signed_by_it_gives_its_email()
    {
        using var dir = new TempDirectory();
        using var key = RSA.Create(2048);
        var identity = new BearerIdentity("email", PublicKeyFile(dir, key));
        Assert.True(identity.VerifiesSignatures);
        Assert.Equal("a@example.org", await identity.EmailAsync(Sign(key, "a@example.org")));
    }

    [Fact]
    public async Task With_a_key_a_token_signed_by_another_is_a_400_naming_the_bearer()
    {
        using var dir = new TempDirectory();
        using var key = RSA.Create(2048);
        using var forger = RSA.Create(2048);
        var identity = new BearerIdentity("email", PublicKeyFile(dir, key));
        var error = await Assert.ThrowsAsync<InvalidInputException>(() => identity.EmailAsync(Sign(forger, "a@example.org")));
        Assert.Equal("bearer", error.Field);
    }

    [Fact]
    public async Task With_a_jwks_file_a_token_signed_by_one_of_its_keys_gives_its_email()
    {
        using var dir = new TempDirectory();
        using var key = RSA.Create(2048);
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.ExportParameters(false)));
        var path = Path.Combine(dir.Path, "jwks.json");
        File.WriteAllText(path, $$"""{"keys":[{"kty":"RSA","n":"{{jwk.N}}","e":"{{jwk.E}}"}]}""");
        var identity = new BearerIdentity("email", path);
        Assert.Equal("c@example.org", await identity.EmailAsync(Sign(key, "c@example.org")));
        using var forger = RSA.Create(2048);
        await Assert.ThrowsAsync<InvalidInputException>(() => identity.EmailAsync(Sign(forger, "c@example.org")));
    }

    [Fact]
    public async Task Without_a_key_the_configured_claim_is_read_from_the_decoded_token()
    {
        using var key = RSA.Create(2048);
        var identity = new BearerIdentity("upn", null);
        Assert.Equal("b@example.org", await identity.EmailAsync(Sign(key, "b@example.org", "upn")));
        await Assert.ThrowsAsync<InvalidInputException>(() => new BearerIdentity("email", null).EmailAsync(Sign(key, "b@example.org", "upn")));
        await Assert.ThrowsAsync<InvalidInputException>(() => identity.EmailAsync("not a token"));
    }
}
