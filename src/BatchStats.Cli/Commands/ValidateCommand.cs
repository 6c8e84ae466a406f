using System.CommandLine;
using System.Text.Json;
using BatchStats.Core.Requests;
using BatchStats.Core.Validation;
using Spectre.Console;

namespace BatchStats.Cli.Commands;

/// <summary><c>batchstats validate &lt;request.json&gt;</c>: every problem with its JSON path; exit 0 valid, 2 invalid.</summary>
public sealed class ValidateCommand : ICliCommand
{
    public Command Build(CliContext context)
    {
        var file = new Argument<string>("request.json") { Description = "the Batch Statistical request to check" };
        var s3Only = new Option<bool>("--s3-only") { Description = "require s3://bucket/key URLs (reject file:// and plain paths)" };
        var command = new Command("validate", "static validation of a Batch Statistical request; prints every problem with its JSON path")
        {
            file,
            s3Only,
        };
        command.SetAction(parse => Execute(context, parse.GetValue(file)!, parse.GetValue(s3Only)));
        return command;
    }

    public static int Execute(CliContext context, string path, bool s3Only)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            context.Error.WriteLine($"batchstats validate: cannot read '{path}': {e.Message}");
            return ExitCodes.InvalidInput;
        }

        var options = s3Only ? ValidationOptions.Batch : ValidationOptions.Local;
        var result = BatchRequestParser.Parse(json, options);
        if (!result.IsValid)
        {
            foreach (var problem in result.Problems)
            {
                PrintProblem(context, problem);
            }

            context.Error.WriteLine($"batchstats validate: {path}: invalid ({result.Problems.Count} problem{(result.Problems.Count == 1 ? "" : "s")})");
            return ExitCodes.InvalidInput;
        }

        var request = result.Request!;
        var intervals = request.Aggregation.BuildIntervals().Count;
        context.Console.MarkupLine(
            $"[green]OK[/]: {Markup.Escape(path)} is a valid Batch Statistical request " +
            $"({Markup.Escape(request.Input.Data[0].Type)}, {intervals} interval{(intervals == 1 ? "" : "s")} of {Markup.Escape(request.Aggregation.AggregationInterval.Of)})");
        return ExitCodes.Ok;
    }

    private static void PrintProblem(CliContext context, ValidationProblem problem)
    {
        if (problem.Path.Length == 0)
        {
            context.Console.MarkupLine($"[red]{Markup.Escape(problem.Message)}[/]");
        }
        else
        {
            context.Console.MarkupLine($"[yellow]{Markup.Escape(problem.Path)}[/]: {Markup.Escape(problem.Message)}");
        }
    }
}
