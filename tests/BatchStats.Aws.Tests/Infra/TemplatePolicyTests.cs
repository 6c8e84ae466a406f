using System.Text.RegularExpressions;
using BatchStats.TestSupport;

namespace BatchStats.Aws.Tests.Infra;

/// <summary>Least privilege in template.yaml, checked by a line scan (no YAML library needed for these rules).</summary>
public sealed partial class TemplatePolicyTests
{
    private static string[] TemplateLines()
    {
        var path = RepoPaths.Find("template.yaml");
        if (path is null)
        {
            // The test binary always lives inside the checkout; a missing template is a real failure.
            throw new InvalidOperationException("template.yaml not found above " + AppContext.BaseDirectory);
        }

        return File.ReadAllLines(path);
    }

    [Fact]
    public void No_wildcard_actions_on_data_services()
    {
        var offending = TemplateLines()
            .Select((line, i) => (line, number: i + 1))
            .Where(l => WildcardAction().IsMatch(l.line))
            .Select(l => $"line {l.number}: {l.line.Trim()}")
            .ToList();

        Assert.True(offending.Count == 0, "wildcard actions in template.yaml:\n" + string.Join('\n', offending));
    }

    [Fact]
    public void No_statement_on_S3_DynamoDB_or_SQS_uses_Resource_star()
    {
        var violations = new List<string>();
        var statements = Statements(TemplateLines()).ToList();

        // 17 data statements across the four functions plus the state machine's log-delivery one (Resource "*", no data).
        Assert.True(statements.Count >= 18, $"scanner found only {statements.Count} statements");
        Assert.Contains(statements, s => StarResource().IsMatch(string.Join('\n', s.Lines)));
        foreach (var statement in statements)
        {
            var text = string.Join('\n', statement.Lines);
            var touchesData = DataAction().IsMatch(text);
            var starResource = StarResource().IsMatch(text);
            if (touchesData && starResource)
            {
                violations.Add($"statement at line {statement.Line}:\n{text}");
            }
        }

        Assert.True(violations.Count == 0, string.Join("\n\n", violations));
    }

    [Fact]
    public void Scanner_detects_the_patterns_it_guards_against()
    {
        // The checks above would pass vacuously if the patterns never matched: prove they fire.
        Assert.Matches(WildcardAction(), "              Action: \"*\"");
        Assert.Matches(WildcardAction(), "              Action: [s3:GetObject, s3:*]");
        Assert.Matches(WildcardAction(), "                - dynamodb:*");
        Assert.DoesNotMatch(WildcardAction(), "              Action: [sqs:SendMessage]");
        var bad = Statements(["      Policies:", "        - Statement:", "            - Effect: Allow", "              Action: [sqs:SendMessage]", "              Resource: \"*\""]).Single();
        Assert.Matches(DataAction(), string.Join('\n', bad.Lines));
        Assert.Matches(StarResource(), string.Join('\n', bad.Lines));
    }

    [Fact]
    public void Every_function_uses_dotnet10_and_a_Functions_handler_and_the_queue_has_a_DLQ()
    {
        var text = string.Join('\n', TemplateLines());
        Assert.Contains("Runtime: dotnet10", text, StringComparison.Ordinal);
        foreach (var name in new[] { "CreateRequest", "GetStatus", "Worker", "Export" })
        {
            Assert.Contains($"Handler: BatchStats.Functions::BatchStats.Functions.{name}Function::Handle", text, StringComparison.Ordinal);
        }

        Assert.Matches(@"maxReceiveCount: \d+", text);
        Assert.Contains("ReportBatchItemFailures", text, StringComparison.Ordinal);
        Assert.Contains("DefinitionUri: infra/statemachine/batchstats.asl.json", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Jobs_that_run_in_Jint_have_their_own_queue_and_a_worker_with_dynamic_PGO()
    {
        var lines = TemplateLines();
        var text = string.Join('\n', lines);
        Assert.Contains("BATCHSTATS_JINT_QUEUE_URL: !Ref JintWorkQueue", text, StringComparison.Ordinal);
        Assert.Contains("Resource: [!GetAtt WorkQueue.Arn, !GetAtt JintWorkQueue.Arn]", text, StringComparison.Ordinal);

        var jint = Resource(lines, "JintWorkerFunction");
        Assert.Contains("Handler: BatchStats.Functions::BatchStats.Functions.WorkerFunction::Handle", jint, StringComparison.Ordinal);
        Assert.Contains("DOTNET_TieredPGO: \"1\"", jint, StringComparison.Ordinal);
        Assert.Contains("Queue: !GetAtt JintWorkQueue.Arn", jint, StringComparison.Ordinal);
        Assert.DoesNotContain("WorkQueue.Arn", jint.Replace("JintWorkQueue.Arn", "", StringComparison.Ordinal), StringComparison.Ordinal);

        // The main worker keeps the executables' setting (PGO off) and its own queue.
        var worker = Resource(lines, "WorkerFunction");
        Assert.DoesNotContain("TieredPGO", worker, StringComparison.Ordinal);
        Assert.DoesNotContain("JintWorkQueue", worker, StringComparison.Ordinal);
        Assert.Contains("deadLetterTargetArn: !GetAtt JintWorkDeadLetterQueue.Arn", Resource(lines, "JintWorkQueue"), StringComparison.Ordinal);
    }

    /// <summary>The lines of one top-level resource (indent 2) up to the next one.</summary>
    private static string Resource(string[] lines, string name)
    {
        var start = Array.IndexOf(lines, $"  {name}:");
        Assert.True(start >= 0, $"resource {name} not found in template.yaml");
        var end = start + 1;
        while (end < lines.Length && (lines[end].Length == 0 || lines[end].StartsWith("    ", StringComparison.Ordinal)))
        {
            end++;
        }

        return string.Join('\n', lines[start..end]);
    }

    /// <summary>Policy statements: a list item under a <c>Statement:</c> key, up to the next item at its indent.</summary>
    private static IEnumerable<(int Line, List<string> Lines)> Statements(string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].TrimEnd().EndsWith("Statement:", StringComparison.Ordinal))
            {
                continue;
            }

            var baseIndent = Indent(lines[i]);
            List<string>? current = null;
            var start = 0;
            var itemIndent = -1;
            for (var j = i + 1; j < lines.Length; j++)
            {
                var line = lines[j];
                if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
                {
                    continue;
                }

                var indent = Indent(line);
                if (indent <= baseIndent && !line.TrimStart().StartsWith("- ", StringComparison.Ordinal) || indent < baseIndent)
                {
                    break;
                }

                if (line.TrimStart().StartsWith("- ", StringComparison.Ordinal) && (itemIndent < 0 || indent == itemIndent))
                {
                    if (current is not null)
                    {
                        yield return (start, current);
                    }

                    itemIndent = indent;
                    current = [];
                    start = j + 1;
                }
                else if (itemIndent >= 0 && indent <= itemIndent && !line.TrimStart().StartsWith("- ", StringComparison.Ordinal))
                {
                    break;
                }

                current?.Add(line);
            }

            if (current is not null)
            {
                yield return (start, current);
            }
        }
    }

    private static int Indent(string line) => line.Length - line.TrimStart().Length;

    [GeneratedRegex(@"(Action:\s*[""']?\*[""']?\s*$)|((s3|dynamodb|sqs|states|lambda|glue):\*)|(Action:\s*\[[^\]]*[""']?\*[""']?\s*[,\]])", RegexOptions.IgnoreCase)]
    private static partial Regex WildcardAction();

    [GeneratedRegex(@"\b(s3|dynamodb|sqs):", RegexOptions.IgnoreCase)]
    private static partial Regex DataAction();

    [GeneratedRegex(@"Resource:\s*(\[\s*)?[""']\*[""']", RegexOptions.IgnoreCase)]
    private static partial Regex StarResource();
}
