using System.Text;
using CsCheck;
using Dssr.Connectors.Slurm;
using Dssr.Engine.Api;
using Dssr.Engine.Connectors;
using Microsoft.AspNetCore.Http;

namespace Dssr.Reliability.Tests.Parsers;

/// <summary>
/// What the upstream sends (the form's <c>args</c>, request paths, bearer tokens) is read by parsers that
/// answer a typed error (a 400 naming the field) for anything they cannot take, never an unhandled exception.
/// </summary>
public sealed class RequestParserFuzzTests
{
    private static readonly long Iterations = FuzzBudget.Iterations(2_000);

    private static readonly Gen<string> ArgsJson = HostileGen.Text(
        "{", "}", "[", "]", ",", ":", "\"name\"", "\"number\"", "\"nodes\"", "\"hpc_script\"", "\"qs\"", "\"jobid\"", "\"singularity\"",
        "\"20240101120000-ABCDE-user_s1\"", "1", "-5", "1.5", "1e400", "true", "null", "\"\"", "\"-x\"", "\"a b\"", "{\"singularity\":\"IyEvYmluL2Jhc2gK\"}");

    [Fact]
    public void Form_args_give_their_fields_or_an_error_naming_one() =>
        ArgsJson.Sample(json => ReadAll(json).GetAwaiter().GetResult(), iter: Iterations);

    [Fact]
    public void Whole_form_bodies_give_their_fields_or_an_error_naming_one() =>
        HostileGen.Text("args=", "&", "=", "%7B", "%7D", "%22", "%", "+", "%00", "%ZZ", "args").Sample(
            body => ReadBody(body).GetAwaiter().GetResult(), iter: Iterations);

    [Fact]
    public void Request_paths_parse_or_are_refused() =>
        HostileGen.Text("/", "job_s1", "7", "job_7", "shutdown", "abort", "..", "%2F", "screenshot", "").Sample(path =>
            TypedErrors.Only(() => RequestPath.Parse(path)), iter: Iterations);

    [Fact]
    public void Bearer_tokens_give_an_email_or_a_400_naming_bearer() =>
        HostileGen.Text("Bearer ", "eyJhbGciOiJub25lIn0", ".", "eyJlbWFpbCI6ImFAYi5jIn0", "=", "-", "_", "e30").Sample(bearer =>
            TypedErrors.OnlyAsync(() => new BearerIdentity("email", keyFile: null).EmailAsync(bearer)).GetAwaiter().GetResult(),
            iter: Iterations);

    private static Task ReadAll(string json) =>
        ReadBody("args=" + Uri.EscapeDataString(json.Replace("\ud800", "").Replace("\udc00", "")));

    private static async Task ReadBody(string body)
    {
        var http = new DefaultHttpContext();
        var bytes = Encoding.UTF8.GetBytes(body);
        http.Request.Method = "POST";
        http.Request.ContentType = "application/x-www-form-urlencoded";
        http.Request.ContentLength = bytes.Length;
        http.Request.Body = new MemoryStream(bytes);
        await TypedErrors.OnlyAsync(async () =>
        {
            var args = await LegacyArgs.ReadAsync(http, maxBodyBytes: 1 << 20);
            TypedErrors.Only(() => args.RequireJobName());
            TypedErrors.Only(() => args.RequireInteger("number", min: 0));
            TypedErrors.Only(() => args.RequireInteger("nodes", min: 1, max: 100_000));
            TypedErrors.Only(() => args.RequireStringMap("hpc_script"));
            TypedErrors.Only(() => args.RequireString("jobid"));
            TypedErrors.Only(() => args.RequireQuery());
        });
    }
}
