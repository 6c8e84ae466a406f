using YamlDotNet.RepresentationModel;

namespace BatchStats.Reliability.Tests.Security;

/// <summary>
/// template.yaml grants least privilege: no statement allows every action, a whole data service (s3:*, dynamodb:*,
/// sqs:*, states:*, lambda:*), or any data-service action on every resource. Log-delivery actions, which AWS does not
/// scope by resource, may use <c>Resource: "*"</c>.
/// </summary>
public sealed class TemplateLeastPrivilegeTests
{
    private static readonly string[] s_dataServices = ["s3", "dynamodb", "sqs", "states", "lambda", "glue", "kms", "secretsmanager"];

    /// <summary>(where, actions, resources) of every policy statement in the template.</summary>
    private static List<(string Where, List<string> Actions, List<string> Resources)> Statements(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var found = new List<(string, List<string>, List<string>)>();
        Walk(stream.Documents[0].RootNode, "", found);
        return found;
    }

    private static void Walk(YamlNode node, string where, List<(string, List<string>, List<string>)> found)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var keys = map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value).ToHashSet();
                if (keys.Contains("Effect") && (keys.Contains("Action") || keys.Contains("NotAction")))
                {
                    var effect = Scalar(map, "Effect");
                    if (effect == "Allow")
                    {
                        found.Add((where, Values(map, "Action").Concat(Values(map, "NotAction").Select(a => "NOT " + a)).ToList(), Values(map, "Resource")));
                    }
                }

                foreach (var (key, value) in map.Children)
                {
                    Walk(value, where + "/" + ((key as YamlScalarNode)?.Value ?? "?"), found);
                }

                break;
            case YamlSequenceNode seq:
                var i = 0;
                foreach (var child in seq.Children)
                {
                    Walk(child, $"{where}[{i++}]", found);
                }

                break;
        }
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? (v as YamlScalarNode)?.Value : null;

    /// <summary>Scalar or list values; a tagged value (!Sub, !GetAtt, !Ref) is a scoped reference, rendered as its tag.</summary>
    private static List<string> Values(YamlMappingNode map, string key)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return [];
        }

        return node switch
        {
            YamlScalarNode s => [Render(s)],
            YamlSequenceNode seq => seq.Children.Select(c => c is YamlScalarNode s ? Render(s) : c.Tag.IsEmpty ? "<complex>" : c.Tag.Value).ToList(),
            _ => [node.Tag.IsEmpty ? "<complex>" : node.Tag.Value],
        };
    }

    private static string Render(YamlScalarNode s) => s.Tag.IsEmpty ? s.Value ?? "" : $"{s.Tag.Value} {s.Value}";

    private static string Template() => File.ReadAllText(Path.Combine(RepoRoot(), "template.yaml"));

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BatchStatsServerless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root (BatchStatsServerless.sln) not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void The_template_has_policy_statements_to_check()
    {
        Assert.True(Statements(Template()).Count >= 10, "the walker found too few statements; did the template's shape change?");
    }

    [Fact]
    public void No_statement_allows_every_action_or_a_whole_data_service()
    {
        var problems = Statements(Template())
            .SelectMany(s => s.Actions.Where(a => a == "*" || a.StartsWith("NOT ", StringComparison.Ordinal) ||
                    s_dataServices.Any(svc => a.Equals(svc + ":*", StringComparison.OrdinalIgnoreCase)))
                .Select(a => $"{s.Where}: Action {a}"))
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void No_data_service_action_is_allowed_on_every_resource()
    {
        var problems = Statements(Template())
            .Where(s => s.Resources.Contains("*") || s.Resources.Count == 0)
            .SelectMany(s => s.Actions.Where(a => s_dataServices.Contains(a.Split(':')[0], StringComparer.OrdinalIgnoreCase) || a == "*")
                .Select(a => $"{s.Where}: {a} on Resource '*'"))
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("Action: \"*\"\n              Resource: !GetAtt JobsTable.Arn", "Action *")]
    [InlineData("Action: [s3:*]\n              Resource: !GetAtt ResultsBucket.Arn", "Action s3:*")]
    [InlineData("Action: [dynamodb:GetItem]\n              Resource: \"*\"", "dynamodb:GetItem on Resource '*'")]
    [InlineData("Action: [sqs:SendMessage]\n              Resource: '*'", "sqs:SendMessage on Resource '*'")]
    public void The_checks_catch_a_wildcard_slipped_into_the_template(string statement, string expected)
    {
        // Mutation check: the same walker over the real template with one statement replaced must find it.
        var yaml = Template();
        const string original = "Action: [s3:GetObject]\n              Resource: !Sub \"${InputBucket.Arn}/*\"";
        Assert.Contains(original, yaml, StringComparison.Ordinal);
        var mutated = yaml.Replace(original, statement, StringComparison.Ordinal);
        var problems = Statements(mutated)
            .SelectMany(s => s.Actions.Select(a => (s, a)))
            .Where(x => x.a == "*" || s_dataServices.Any(svc => x.a.Equals(svc + ":*", StringComparison.OrdinalIgnoreCase))
                        || (x.s.Resources.Contains("*") && s_dataServices.Contains(x.a.Split(':')[0], StringComparer.OrdinalIgnoreCase)))
            .Select(x => x.a == "*" || x.a.EndsWith(":*", StringComparison.Ordinal) ? $"Action {x.a}" : $"{x.a} on Resource '*'")
            .ToList();
        Assert.Contains(expected, problems);
    }
}
