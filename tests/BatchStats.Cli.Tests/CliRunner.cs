using System.Text.Json;

namespace BatchStats.Cli.Tests;

/// <summary>In-process invocation with captured stdout/stderr.</summary>
public sealed record CliResult(int Code, string Out, string Err)
{
    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The last stdout line parsed as JSON (the --json contract).</summary>
    public JsonElement LastJson() => JsonDocument.Parse(OutLines[^1]).RootElement;

    public static CliResult Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Program.Run(args, output, error);
        return new CliResult(code, output.ToString(), error.ToString());
    }
}
